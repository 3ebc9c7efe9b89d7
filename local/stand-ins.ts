/**
 * Starts the AWS stand-ins the functions call (DynamoDB Local, SES, Secrets Manager, Step Functions,
 * KMS for the audit digests' signing key, S3 for their Object Lock bucket) side by side, each persisting under the data directory, and stops
 * them as one.
 */
import { startKms } from '@official-accounts/local-aws/kms';
import { startS3 } from '@official-accounts/local-aws/s3';
import { startSecretsManager } from '@official-accounts/local-aws/secrets-manager';
import { startStepFunctions } from '@official-accounts/local-aws/step-functions';
import { join } from 'node:path';
import { type LocalDynamoDb, startDynamoDb } from './dynamodb.ts';
import { accountId, region } from './local-account.ts';
import { freePort } from './ports.ts';
import { type LocalSes, startSes } from './ses.ts';
import { triggers } from '../shared/triggers.ts';
import { functionNameOf } from '../shared/workflows.ts';

type Invoke = (functionName: string, event: unknown) => Promise<unknown>;

/** DynamoDB Local that the fault drills can stop and start again on the same port. */
export interface RestartableDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** The running stand-ins, by service. */
export interface StandIns {
  dynamodb: RestartableDynamoDb;
  ses: LocalSes;
  secretsManager: { endpoint: string };
  stepFunctions: { endpoint: string };
  kms: { endpoint: string };
  s3: { endpoint: string };
  stop(): Promise<void>;
}

/** The SDK's endpoint variables that point each service at its stand-in. */
export const endpointEnvironment = (standIns: StandIns): Record<string, string> => ({
  AWS_ENDPOINT_URL_DYNAMODB: standIns.dynamodb.endpoint,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: standIns.secretsManager.endpoint,
  AWS_ENDPOINT_URL_SESV2: standIns.ses.endpoint,
  AWS_ENDPOINT_URL_SFN: standIns.stepFunctions.endpoint,
  AWS_ENDPOINT_URL_KMS: standIns.kms.endpoint,
  AWS_ENDPOINT_URL_S3: standIns.s3.endpoint,
});

async function startRestartableDynamoDb(options: { port: number; dataDir: string }): Promise<RestartableDynamoDb> {
  let current: LocalDynamoDb | undefined = await startDynamoDb(options);
  return {
    endpoint: current.endpoint,
    stop: async () => {
      await current?.stop();
      current = undefined;
    },
    start: async () => {
      current ??= await startDynamoDb(options);
    },
  };
}

/** Starts every stand-in; a port of 0 lets the OS choose. Functions they call go through `invoke`. */
export async function startStandIns(options: {
  ports: { dynamodb: number; mailbox: number; secretsmanager: number; stepfunctions: number; kms: number; s3: number };
  host: string;
  dataDir: string;
  invoke: Invoke;
  waitTimeOverrides?: Record<string, Record<string, number>> | undefined;
}): Promise<StandIns> {
  const { ports, host, dataDir, invoke } = options;
  // A fixed port even when the OS chose it, so a restarted DynamoDB Local answers where it did.
  const dynamoOptions = { port: ports.dynamodb || (await freePort(host)), dataDir: join(dataDir, 'dynamodb') };
  const dynamodb = startRestartableDynamoDb(dynamoOptions);
  // SES's configuration set publishes its events to EventBridge, whose rule invokes the feedback function.
  const ses = startSes({
    port: ports.mailbox,
    host,
    onEvent: async (event) => {
      await invoke(functionNameOf(triggers.mailFeedback.module), event);
    },
  });
  const secretsManager = startSecretsManager({
    port: ports.secretsmanager,
    host,
    dataFile: join(dataDir, 'secretsmanager', 'secrets.json'),
    region,
    accountId,
    // Secrets Manager invokes the secret's rotation function step by step, as AWS does.
    invokeFunction: invoke,
  });
  const stepFunctions = startStepFunctions({
    port: ports.stepfunctions,
    host,
    region,
    accountId,
    invokeFunction: invoke,
    dataDir: join(dataDir, 'stepfunctions'),
    ...(options.waitTimeOverrides ? { waitTimeOverrides: options.waitTimeOverrides } : {}),
  });
  const kms = startKms({ port: ports.kms, host, region, accountId, dataFile: join(dataDir, 'kms', 'keys.json') });
  const s3 = startS3({ port: ports.s3, host, region, dataDir: join(dataDir, 's3') });
  // Stops, last started first, whichever parts did start.
  const stop = async () => {
    const stoppers = await Promise.allSettled([
      s3.then((part) => part.close),
      kms.then((part) => part.close),
      stepFunctions.then((part) => part.close),
      secretsManager.then((part) => part.close),
      ses.then((part) => part.stop),
      dynamodb.then((part) => part.stop),
    ]);
    for (const stopper of stoppers) {
      if (stopper.status === 'fulfilled') await stopper.value().catch(() => undefined);
    }
  };
  try {
    const [started, mail, secrets, workflows, keys, objects] = await Promise.all([
      dynamodb,
      ses,
      secretsManager,
      stepFunctions,
      kms,
      s3,
    ]);
    return {
      dynamodb: started,
      ses: mail,
      secretsManager: secrets,
      stepFunctions: workflows,
      kms: keys,
      s3: objects,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
