/**
 * The stand-ins password rotation runs on, started in the test's own process: DynamoDB Local and
 * the Secrets Manager stand-in, with the environment the product's adapters read. Secrets Manager
 * is driven as AWS drives it (RotateSecret, then the four steps under its token), but the steps are
 * called one by one, so a test can read the staging labels after each step.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { startSecretsManager, type LocalSecretsManager } from '@official-accounts/local-aws/secrets-manager';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ensureTable, startDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.ts';
import { accountKey, getAccount } from '../../shared/adapters/accounts.ts';
import { rotationStep } from '../../shared/services/rotation/protocol.ts';
import { tables } from '../../shared/tables.ts';
import { workflows } from '../../shared/workflows.ts';

const rotationFunctionArn = 'arn:aws:lambda:us-east-1:000000000000:function:rotate-secret';
const steps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

/** The designated and back-up administrators of every account `newAccount` creates. */
export const administrators = { designated: 'stf-admin', backup: 'stf-backup' } as const;

export const secretName = (accountId: string) => `official-accounts/accounts/${accountId}`;

/** Each version's labels, as `aws secretsmanager describe-secret` lists them. */
export type Stages = Record<string, string[]>;
export const holder = (stages: Stages, label: string) =>
  Object.entries(stages).find(([, labels]) => labels.includes(label))?.[0];

/** Starts both stand-ins and points the adapters at them; `stop` restores the environment. */
export async function startRotationStandIns() {
  const saved = { ...process.env };
  const dynamoDb: LocalDynamoDb = await startDynamoDb({});
  const secretsManager: LocalSecretsManager = await startSecretsManager({});
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POLICY_PROFILE: 'tn-dcs',
    HMAC_KEY_SECRET_ID: 'official-accounts/hmac-key',
    ROTATION_FUNCTION_ARN: rotationFunctionArn,
    [workflows.credentialRotation.envVar]: 'arn:aws:states:us-east-1:000000000000:stateMachine:CredentialRotation',
    [tables.accounts.envVar]: tables.accounts.logicalId,
    [tables.audit.envVar]: tables.audit.logicalId,
    [tables.directory.envVar]: tables.directory.logicalId,
  });
  const admin = new DynamoDBClient({});
  for (const table of [tables.accounts, tables.audit, tables.directory]) await ensureTable(admin, table);
  const client = new SecretsManagerClient({});
  await client.send(new CreateSecretCommand({ Name: 'official-accounts/hmac-key', SecretString: randomUUID() }));
  let accounts = 0;

  const stagesOf = async (accountId: string): Promise<Stages> =>
    (await client.send(new DescribeSecretCommand({ SecretId: secretName(accountId) }))).VersionIdsToStages ?? {};

  /**
   * RotateSecret's contract: when the rotation function has finished, AWSPENDING is on no version
   * or on AWSCURRENT's; anything else makes every later RotateSecret fail.
   */
  async function expectDocumentedEndState(accountId: string) {
    const stages = await stagesOf(accountId);
    const pending = holder(stages, 'AWSPENDING');
    if (pending !== undefined) expect(pending).toBe(holder(stages, 'AWSCURRENT'));
  }

  return {
    client,
    stagesOf,
    expectDocumentedEndState,

    /** An active account in region knox with a stored login, as storeInitialCredential leaves it. */
    async newAccount(
      administratorId: string = administrators.designated,
    ): Promise<{ accountId: string; currentVersion: string }> {
      const accountId = `acc-${++accounts}-${randomUUID().slice(0, 8)}`;
      await admin.send(
        new PutItemCommand({
          TableName: tables.accounts.logicalId,
          Item: {
            pk: { S: accountKey(accountId).pk },
            sk: { S: accountKey(accountId).sk },
            gsi1pk: { S: 'REGION#knox' },
            gsi1sk: { S: `ACCOUNT#${accountId}` },
            accountId: { S: accountId },
            platform: { S: 'facebook' },
            region: { S: 'knox' },
            status: { S: 'active' },
            administratorId: { S: administratorId },
            backupAdministratorId: { S: administrators.backup },
            rotationIntervalDays: { N: '30' },
            directorIds: { L: [] },
          },
        }),
      );
      await client.send(new CreateSecretCommand({ Name: secretName(accountId) }));
      const currentVersion = randomUUID();
      await client.send(
        new PutSecretValueCommand({
          SecretId: secretName(accountId),
          ClientRequestToken: currentVersion,
          SecretString: JSON.stringify({ username: 'dcs.knox', password: `initial-${randomUUID()}` }),
        }),
      );
      return { accountId, currentVersion };
    },

    async accountOf(accountId: string) {
      return (await getAccount(accountId))!;
    },

    /** What Secrets Manager's schedule does: RotateSecret with a token of its own (the steps are the caller's). */
    async rotateSecret(accountId: string, token = randomUUID()): Promise<string> {
      await client.send(
        new RotateSecretCommand({
          SecretId: secretName(accountId),
          ClientRequestToken: token,
          RotationLambdaARN: rotationFunctionArn,
          RotateImmediately: true,
        }),
      );
      return token;
    },

    /** The four steps in order, then the check that the function left a state RotateSecret accepts. */
    async runSteps(accountId: string, token: string) {
      for (const step of steps) await rotationStep(step, secretName(accountId), token);
      await expectDocumentedEndState(accountId);
    },

    async pendingPassword(accountId: string): Promise<string> {
      const { SecretString } = await client.send(
        new GetSecretValueCommand({ SecretId: secretName(accountId), VersionStage: 'OA_PENDING' }),
      );
      return JSON.parse(SecretString!).password as string;
    },

    async stop() {
      admin.destroy();
      client.destroy();
      await secretsManager.close();
      await dynamoDb.stop();
      process.env = saved;
    },
  };
}

export type RotationStandIns = Awaited<ReturnType<typeof startRotationStandIns>>;
