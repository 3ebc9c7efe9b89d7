/**
 * The whole system on one machine: DynamoDB Local, SES (aws-ses-v2-local), the Secrets Manager and
 * Step Functions emulators, and the HTTP gateway, wired the way CDK wires AWS. Functions reach every
 * service through the AWS SDK with AWS_ENDPOINT_URL_<SERVICE>; nothing under functions/ or shared/
 * knows it runs here. `npm start` (main.ts) and the integration tests both start it through here.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateSecretCommand,
  GetRandomPasswordCommand,
  ResourceExistsException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  CreateStateMachineCommand,
  SFNClient,
  StateMachineAlreadyExists,
  UpdateStateMachineCommand,
  ListStateMachinesCommand,
} from '@aws-sdk/client-sfn';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { putRegion, putStaffMember } from '../shared/adapters/directory.ts';
import { resolveProfile } from '../shared/policy/resolve.ts';
import { tables, type TableKey } from '../shared/tables.ts';
import { triggers, type TriggerKey } from '../shared/triggers.ts';
import {
  functionNameOf,
  renderDefinition,
  workflows,
  type WorkflowDefinition,
  type WorkflowKey,
} from '../shared/workflows.ts';
import { readDefinition } from '../shared/workflow-definitions.ts';
import { functionEnvironment } from '../infra/function-settings.ts';
import { createDevIssuer } from './dev-issuer.ts';
import { startControl } from './control.ts';
import { ensureTable, startDynamoDb, type LocalDynamoDb } from './dynamodb.ts';
import { createFunctionInvoker, localFunctionArn } from './functions.ts';
import { startGateway } from './gateway.ts';
import { freePort } from './ports.ts';
import { runRotationFunction, startRotationSchedule } from './rotation-schedule.ts';
import { startScheduler } from './scheduler.ts';
import { personas, regions } from './personas.ts';
import { startSecretsManager } from '@official-accounts/local-aws/secrets-manager';
import { startSes } from './ses.ts';
import { startStepFunctions } from '@official-accounts/local-aws/step-functions';

export const region = 'us-east-1';
/** The development issuer's name; `.invalid` so it can never be mistaken for a real identity provider. */
export const localIssuer = 'https://issuer.official-accounts.invalid/local';
export const accountId = '000000000000';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const repositoryRoot = resolve(import.meta.dirname, '..');

export interface Ports {
  api: number;
  mailbox: number;
  dynamodb: number;
  secretsmanager: number;
  stepfunctions: number;
}

/** Fixed defaults so bookmarks and AWS CLI profiles keep working across restarts. */
export const defaultPorts: Ports = {
  api: 3000,
  mailbox: 3005,
  dynamodb: 8000,
  secretsmanager: 4584,
  stepfunctions: 8083,
};
/** Every port chosen by the OS: for tests that run beside a developer's own `npm start`. */
export const ephemeralPorts: Ports = { api: 0, mailbox: 0, dynamodb: 0, secretsmanager: 0, stepfunctions: 0 };

export interface RuntimeOptions {
  profile: string;
  /** Where data survives restarts; `endpoints.json` is written here. */
  dataDir: string;
  fresh?: boolean;
  ports?: Ports;
  host?: string;
  /** Per state machine, per Wait state: milliseconds to wait instead, for demos and tests. */
  waitTimeOverrides?: Record<string, Record<string, number>>;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
}

export interface Persona {
  id: string;
  email: string;
  roles: string[];
  region: string;
  office: string;
}

/** The contract's `.local/endpoints.json`. */
export interface Endpoints {
  api: string;
  mailbox: string;
  /** Local-only fault drills: POST /ses/stop, /ses/start, /dynamodb/stop, /dynamodb/start. */
  control: string;
  aws: { dynamodb: string; secretsmanager: string; stepfunctions: string; ses: string };
  profile: string;
  region: string;
  issuer: string;
  audience: string;
  personas: Record<string, Persona>;
  tokens: Record<string, string>;
}

export interface LocalRuntime {
  endpoints: Endpoints;
  endpointsFile: string;
  /** Stop and restart the local SES, e.g. to show that mail survives an outage. */
  ses: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

const tableNameOf = (key: TableKey) => tables[key].logicalId;

async function ensureHmacKey(client: SecretsManagerClient, name: string): Promise<void> {
  const { RandomPassword } = await client.send(
    new GetRandomPasswordCommand({ PasswordLength: 64, ExcludePunctuation: true }),
  );
  try {
    await client.send(
      new CreateSecretCommand({
        Name: name,
        SecretString: RandomPassword,
        Description: 'Keys the HMACs of approval tokens and password fingerprints.',
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceExistsException)) throw error;
  }
}

async function ensureStateMachines(client: SFNClient): Promise<Record<WorkflowKey, string>> {
  const arns = {} as Record<WorkflowKey, string>;
  const { stateMachines = [] } = await client.send(new ListStateMachinesCommand({}));
  for (const [key, workflow] of Object.entries(workflows) as Array<[WorkflowKey, WorkflowDefinition]>) {
    const template = readDefinition(workflow, repositoryRoot);
    const substitutions = Object.fromEntries(
      Object.entries(workflow.tasks).map(([placeholder, task]) => [
        placeholder,
        localFunctionArn(functionNameOf(task.module), region, accountId),
      ]),
    );
    const definition = renderDefinition(workflow.name, template, substitutions);
    const roleArn = `arn:aws:iam::${accountId}:role/${workflow.name}`;
    const existing = stateMachines.find((machine) => machine.name === workflow.name);
    if (existing?.stateMachineArn) {
      await client.send(
        new UpdateStateMachineCommand({ stateMachineArn: existing.stateMachineArn, definition, roleArn }),
      );
      arns[key] = existing.stateMachineArn;
      continue;
    }
    try {
      const created = await client.send(
        new CreateStateMachineCommand({ name: workflow.name, definition, roleArn, type: 'STANDARD' }),
      );
      arns[key] = created.stateMachineArn!;
    } catch (error) {
      if (!(error instanceof StateMachineAlreadyExists)) throw error;
    }
  }
  return arns;
}

/** Starts every part, seeds the directory, writes endpoints.json and resolves once all answer. */
export async function startLocalRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  const ports = options.ports ?? defaultPorts;
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolve(options.dataDir);
  const profile = resolveProfile(options.profile.split(/[+,]/));
  if (options.fresh) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });

  const stops: Array<() => Promise<void>> = [];
  // The emulators start before the function invoker exists (its environment needs their endpoints).
  const invokeRef: { current?: (name: string, event: unknown) => Promise<unknown> } = {};
  const stop = async () => {
    for (const stopPart of stops.reverse()) await stopPart().catch(() => undefined);
  };
  try {
    const dynamoOptions = { port: ports.dynamodb || (await freePort(host)), dataDir: join(dataDir, 'dynamodb') };
    const [firstDynamodb, ses, secretsManager] = await Promise.all([
      startDynamoDb(dynamoOptions),
      startSes({ port: ports.mailbox, host }),
      startSecretsManager({
        port: ports.secretsmanager,
        host,
        dataFile: join(dataDir, 'secretsmanager', 'secrets.json'),
        region,
        accountId,
        // Secrets Manager invokes the secret's rotation function step by step, as AWS does.
        onRotate: (request) => runRotationFunction(request, (name, event) => invokeRef.current!(name, event)),
      }),
    ]);
    // DynamoDB Local can be stopped and started again on the same port (control port, fault drills).
    let dynamodb: LocalDynamoDb | undefined = firstDynamodb;
    const dynamoEndpoint = firstDynamodb.endpoint;
    stops.push(() => dynamodb?.stop() ?? Promise.resolve(), ses.stop, secretsManager.close);

    Object.assign(process.env, {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    });

    const invoke = createFunctionInvoker(repositoryRoot);
    invokeRef.current = invoke;
    const stepFunctions = await startStepFunctions({
      port: ports.stepfunctions,
      host,
      region,
      accountId,
      invokeFunction: invoke,
      dataDir: join(dataDir, 'stepfunctions'),
      ...(options.waitTimeOverrides ? { waitTimeOverrides: options.waitTimeOverrides } : {}),
    });
    stops.push(stepFunctions.close);
    process.env.AWS_ENDPOINT_URL_SFN = stepFunctions.endpoint;

    const awsConfig = { region, credentials };
    const dynamoClient = new DynamoDBClient({ ...awsConfig, endpoint: dynamoEndpoint });
    const secretsClient = new SecretsManagerClient({ ...awsConfig, endpoint: secretsManager.endpoint });
    const sfnClient = new SFNClient({ ...awsConfig, endpoint: stepFunctions.endpoint });
    const hmacKeySecretId = 'official-accounts/hmac-key';
    await Promise.all(Object.values(tables).map((table) => ensureTable(dynamoClient, table)));
    await ensureHmacKey(secretsClient, hmacKeySecretId);
    const stateMachineArns = await ensureStateMachines(sfnClient);
    for (const client of [dynamoClient, secretsClient, sfnClient]) client.destroy();

    // The API's port decides the public URL (links in emails) and the issuer, so fix it first.
    const apiPort = ports.api || (await freePort(host));
    const publicBaseUrl = `http://${host}:${apiPort}`;
    // A stable issuer name (not the API's URL, whose port may change), so tokens survive restarts.
    const issuer = await createDevIssuer({ issuer: localIssuer, keyFile: join(dataDir, 'issuer', 'signing-key.json') });
    const functionEnv = functionEnvironment({
      profile: profile.id,
      publicBaseUrl,
      senderAddress: 'no-reply@official-accounts.local',
      tableNames: Object.fromEntries(Object.keys(tables).map((key) => [key, tableNameOf(key as TableKey)])) as Record<
        TableKey,
        string
      >,
      stateMachineArns,
      triggerArns: Object.fromEntries(
        Object.entries(triggers).map(([key, trigger]) => [
          key,
          localFunctionArn(functionNameOf(trigger.module), region, accountId),
        ]),
      ) as Record<TriggerKey, string>,
      hmacKeySecretId,
      logLevel: options.logLevel ?? 'INFO',
    });
    Object.assign(process.env, functionEnv);
    // The schedule CLI (run-schedule.ts) invokes functions from its own process with this environment.
    const functionEnvFile = join(dataDir, 'function-env.json');
    const awsEnvironment = Object.fromEntries(
      Object.entries(process.env).filter(([key]) =>
        /^AWS_(REGION|ACCESS_KEY_ID|SECRET_ACCESS_KEY|ENDPOINT_URL_)/.test(key),
      ),
    ) as Record<string, string>;
    await writeFile(functionEnvFile, JSON.stringify({ ...awsEnvironment, ...functionEnv }, null, 2), { mode: 0o600 });
    stops.push(() => rm(functionEnvFile, { force: true }));

    const gateway = await startGateway({
      port: apiPort,
      host,
      issuer,
      invoke,
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    });
    stops.push(gateway.close);

    await Promise.all(regions.map((r) => putRegion(r)));
    await Promise.all(Object.values(personas).map((member) => putStaffMember(member)));

    const tokens: Record<string, string> = {};
    const personaList: Record<string, Persona> = {};
    for (const [key, member] of Object.entries(personas)) {
      personaList[key] = {
        id: member.staffId,
        email: member.email,
        roles: member.roles,
        region: member.region,
        office: member.office,
      };
      tokens[key] = await issuer.sign({
        sub: member.staffId,
        roles: member.roles,
        region: member.region,
        office: member.office,
        name: member.name,
        email: member.email,
      });
    }

    const reportFailure = (name: string, error: Error) =>
      process.stderr.write(`schedule ${name} failed: ${error.name}: ${error.message}\n`);
    const stopScheduler = startScheduler(invoke, reportFailure);
    const stopRotationSchedule = startRotationSchedule(secretsManager.endpoint, reportFailure);
    stops.push(async () => {
      stopScheduler();
      stopRotationSchedule();
    });

    const control = await startControl(host, {
      'ses/stop': ses.stop,
      'ses/start': ses.start,
      'dynamodb/stop': async () => {
        await dynamodb?.stop();
        dynamodb = undefined;
      },
      'dynamodb/start': async () => {
        dynamodb ??= await startDynamoDb(dynamoOptions);
      },
    });
    stops.push(control.close);

    const health = await fetch(`${gateway.url}/health`);
    if (!health.ok) throw new Error(`The gateway answered /health with ${health.status}.`);

    const endpoints: Endpoints = {
      api: gateway.url,
      mailbox: ses.endpoint,
      control: control.url,
      aws: {
        dynamodb: dynamoEndpoint,
        secretsmanager: secretsManager.endpoint,
        stepfunctions: stepFunctions.endpoint,
        ses: ses.endpoint,
      },
      profile: profile.id,
      region,
      issuer: issuer.issuer,
      audience: issuer.audience,
      personas: personaList,
      tokens,
    };
    const endpointsFile = join(dataDir, 'endpoints.json');
    await writeFile(endpointsFile, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
    stops.push(() => rm(endpointsFile, { force: true }));
    return { endpoints, endpointsFile, ses, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
