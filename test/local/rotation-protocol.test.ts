/**
 * Secrets Manager's rotation contract (issue 22) and the rotation function's idempotence (issue
 * 16.5), against the Secrets Manager stand-in and DynamoDB Local, started in this process. Secrets
 * Manager is driven as AWS drives it: RotateSecret, then the four steps under its token, here called
 * one by one so the staging labels can be read after each step and a failure injected between the
 * parts of createSecret. Workflows are recorded, not run: their starts and answers are what counts.
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
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureTable, startDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.ts';
import { accountKey } from '../../shared/adapters/accounts.ts';
import { auditTrail } from '../../shared/adapters/audit.ts';
import { getRotation, storeRotationToken } from '../../shared/adapters/rotations.ts';
import type { Caller } from '../../shared/auth/caller.ts';
import { beginRotation, confirmRotation } from '../../shared/services/rotation/api.ts';
import { rotationStep } from '../../shared/services/rotation/protocol.ts';
import { tables } from '../../shared/tables.ts';
import { workflows } from '../../shared/workflows.ts';

/** Workflow starts and callback answers, as the product made them. */
const signals = vi.hoisted(() => ({
  started: [] as Array<{ name: string; input: unknown }>,
  answered: [] as Array<{ token: string; output: unknown }>,
}));
vi.mock('../../shared/adapters/workflow-signals.ts', () => ({
  startWorkflow: async (_arn: string, name: string, input: unknown) => {
    signals.started.push({ name, input });
    return `arn:execution:${name}`;
  },
  completeTask: async (token: string, output: unknown) => {
    signals.answered.push({ token, output });
    return true;
  },
}));

/** The part of createSecret to fail once, before it runs: the failure injected between two parts. */
const inject = vi.hoisted(() => ({ failBefore: undefined as string | undefined }));
const failOnce = (name: string) => {
  if (inject.failBefore !== name) return;
  inject.failBefore = undefined;
  throw Object.assign(new Error(`injected failure before ${name}`), { name: 'InjectedFailure' });
};
vi.mock('../../shared/adapters/rotations.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../shared/adapters/rotations.ts')>();
  return {
    ...original,
    recordFingerprint: async (...args: Parameters<typeof original.recordFingerprint>) => {
      failOnce('recordFingerprint');
      return original.recordFingerprint(...args);
    },
    markPending: async (...args: Parameters<typeof original.markPending>) => {
      failOnce('markPending');
      const marked = await original.markPending(...args);
      failOnce('startWorkflow');
      return marked;
    },
  };
});
vi.mock('../../shared/adapters/vault.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../shared/adapters/vault.ts')>();
  return {
    ...original,
    writeCredential: async (...args: Parameters<typeof original.writeCredential>) => {
      failOnce('writeCredential');
      await original.writeCredential(...args);
      failOnce('afterWriteCredential');
    },
  };
});

const rotationFunctionArn = 'arn:aws:lambda:us-east-1:000000000000:function:rotate-secret';
const steps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
const administrator: Caller = { id: 'stf-admin', roles: ['administrator'], region: 'knox', office: undefined };
const saved = { ...process.env };
let dynamoDb: LocalDynamoDb;
let secretsManager: LocalSecretsManager;
let client: SecretsManagerClient;
let accounts = 0;

const secretName = (accountId: string) => `official-accounts/accounts/${accountId}`;
const stagesOf = async (accountId: string) =>
  (await client.send(new DescribeSecretCommand({ SecretId: secretName(accountId) }))).VersionIdsToStages ?? {};
const holder = (stages: Record<string, string[]>, label: string) =>
  Object.entries(stages).find(([, labels]) => labels.includes(label))?.[0];

/**
 * RotateSecret's contract: when the rotation function has finished, AWSPENDING is on no version or
 * on AWSCURRENT's; anything else makes every later RotateSecret fail.
 */
async function expectDocumentedEndState(accountId: string) {
  const stages = await stagesOf(accountId);
  const pending = holder(stages, 'AWSPENDING');
  if (pending !== undefined) expect(pending).toBe(holder(stages, 'AWSCURRENT'));
}

/** An account with a stored login, as storeInitialCredential leaves it. */
async function newAccount(): Promise<{ accountId: string; currentVersion: string }> {
  const accountId = `acc-${++accounts}-${randomUUID().slice(0, 8)}`;
  const admin = new DynamoDBClient({});
  await admin.send(
    new PutItemCommand({
      TableName: tables.accounts.logicalId,
      Item: {
        pk: { S: accountKey(accountId).pk },
        sk: { S: accountKey(accountId).sk },
        accountId: { S: accountId },
        status: { S: 'active' },
        administratorId: { S: administrator.id },
        backupAdministratorId: { S: 'stf-backup' },
        rotationIntervalDays: { N: '30' },
        directorIds: { L: [] },
      },
    }),
  );
  admin.destroy();
  await client.send(new CreateSecretCommand({ Name: secretName(accountId) }));
  const currentVersion = randomUUID();
  await client.send(
    new PutSecretValueCommand({
      SecretId: secretName(accountId),
      ClientRequestToken: currentVersion,
      SecretString: JSON.stringify({ username: 'dcs.knox', password: `initial-${randomUUID()}`, twoFactorSecret: 'X' }),
    }),
  );
  return { accountId, currentVersion };
}

/** What Secrets Manager does for RotateSecret: a placeholder version under AWSPENDING, then the steps. */
async function rotateSecret(accountId: string, token = randomUUID()): Promise<string> {
  await client.send(
    new RotateSecretCommand({
      SecretId: secretName(accountId),
      ClientRequestToken: token,
      RotationLambdaARN: rotationFunctionArn,
      RotateImmediately: true,
    }),
  );
  return token;
}

/** Runs the four steps, checking after finishSecret that the function left a state RotateSecret accepts. */
async function runSteps(accountId: string, token: string) {
  for (const step of steps) await rotationStep(step, secretName(accountId), token);
  await expectDocumentedEndState(accountId);
}

beforeAll(async () => {
  dynamoDb = await startDynamoDb({});
  secretsManager = await startSecretsManager({});
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
  admin.destroy();
  client = new SecretsManagerClient({});
  await client.send(new CreateSecretCommand({ Name: 'official-accounts/hmac-key', SecretString: randomUUID() }));
});

afterAll(async () => {
  client?.destroy();
  await secretsManager?.close();
  await dynamoDb?.stop();
  process.env = saved;
});

beforeEach(() => {
  signals.started.length = 0;
  signals.answered.length = 0;
  inject.failBefore = undefined;
});

describe('rotationStep: the labels after each step (issue 22)', () => {
  it('createSecret puts AWSPENDING and OA_PENDING; finishSecret leaves only OA_PENDING, the old one current', async () => {
    const { accountId, currentVersion } = await newAccount();
    const { rotationId } = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
    await rotationStep('createSecret', secretName(accountId), rotationId);
    expect((await stagesOf(accountId))[rotationId]?.sort()).toEqual(['AWSPENDING', 'OA_PENDING']);
    await rotationStep('setSecret', secretName(accountId), rotationId);
    await rotationStep('testSecret', secretName(accountId), rotationId);
    expect((await stagesOf(accountId))[rotationId]?.sort()).toEqual(['AWSPENDING', 'OA_PENDING']);
    await rotationStep('finishSecret', secretName(accountId), rotationId);
    const stages = await stagesOf(accountId);
    expect(stages[rotationId]).toEqual(['OA_PENDING']);
    expect(stages[currentVersion]).toEqual(['AWSCURRENT']);
    await expectDocumentedEndState(accountId);
    const waiting = await client.send(
      new GetSecretValueCommand({ SecretId: secretName(accountId), VersionStage: 'OA_PENDING' }),
    );
    expect(waiting.VersionId).toBe(rotationId);
    expect((await getRotation(accountId, rotationId))?.status).toBe('pending');
    expect(signals.started.map((s) => s.name)).toEqual([rotationId]);
  });

  it('confirmation moves AWSCURRENT to the waiting version, AWSPREVIOUS follows, OA_PENDING goes', async () => {
    const { accountId, currentVersion } = await newAccount();
    const { rotationId } = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
    await runSteps(accountId, rotationId);
    const confirmed = await confirmRotation(administrator, accountId, rotationId);
    expect(confirmed.status).toBe('confirmed');
    const stages = await stagesOf(accountId);
    expect(stages[rotationId]).toEqual(['AWSCURRENT']);
    expect(stages[currentVersion]).toEqual(['AWSPREVIOUS']);
    expect(holder(stages, 'OA_PENDING')).toBeUndefined();
    await expectDocumentedEndState(accountId);
  });

  it('a scheduled RotateSecret while a rotation waits for a person is accepted and covered by the waiting one', async () => {
    const { accountId, currentVersion } = await newAccount();
    const { rotationId } = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
    await runSteps(accountId, rotationId);
    // Secrets Manager's schedule: no rotation record, no token of ours.
    const scheduled = await rotateSecret(accountId);
    await runSteps(accountId, scheduled);
    const stages = await stagesOf(accountId);
    expect(stages[rotationId]).toEqual(['OA_PENDING']);
    expect(stages[currentVersion]).toEqual(['AWSCURRENT']);
    expect(stages[scheduled] ?? []).toEqual([]);
    expect(await getRotation(accountId, scheduled)).toBeUndefined();
    expect(signals.started.map((s) => s.name)).toEqual([rotationId]);
    const audit = await auditTrail(`ACCOUNT#${accountId}`);
    expect(audit.map((e) => e.action)).toContain('rotation.schedule-covered');
    // And the next RotateSecret still meets no dangling AWSPENDING.
    await expect(rotateSecret(accountId)).resolves.toEqual(expect.any(String));
  });

  it('a scheduled rotation with nothing waiting opens its own and ends waiting under OA_PENDING', async () => {
    const { accountId } = await newAccount();
    const scheduled = await rotateSecret(accountId);
    await runSteps(accountId, scheduled);
    expect((await stagesOf(accountId))[scheduled]).toEqual(['OA_PENDING']);
    expect(await getRotation(accountId, scheduled)).toMatchObject({ status: 'pending', reason: 'scheduled' });
  });
});

describe('rotationStep: safe to repeat after a failure between its parts (issue 16.5)', () => {
  for (const failBefore of [
    'writeCredential',
    'afterWriteCredential',
    'recordFingerprint',
    'markPending',
    'startWorkflow',
  ])
    it(`a failure before ${failBefore} is made good when Secrets Manager retries the rotation`, async () => {
      const { accountId } = await newAccount();
      const { rotationId } = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
      inject.failBefore = failBefore;
      await expect(rotationStep('createSecret', secretName(accountId), rotationId)).rejects.toThrow(/injected/);
      // Secrets Manager retries the rotation from createSecret under the same token.
      await runSteps(accountId, rotationId);
      expect((await getRotation(accountId, rotationId))?.status).toBe('pending');
      expect(signals.started.map((s) => s.name)).toEqual([rotationId]);
      expect((await stagesOf(accountId))[rotationId]).toEqual(['OA_PENDING']);
      // Every step once more changes nothing.
      const password = await pendingPassword(accountId);
      await runSteps(accountId, rotationId);
      expect(await pendingPassword(accountId)).toBe(password);
    });
});

describe('beginRotation: a compromise or departure replaces a waiting rotation (issue 16.1)', () => {
  for (const reason of ['compromise', 'departure'] as const)
    it(`${reason}: the waiting rotation is cancelled, its label removed, its workflow ended; a new one starts`, async () => {
      const { accountId, currentVersion } = await newAccount();
      const first = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
      await runSteps(accountId, first.rotationId);
      await storeRotationToken(accountId, first.rotationId, 'task-token-of-the-first');
      const second = await beginRotation(await accountOf(accountId), reason, `system:${reason}`);
      expect(second.rotationId).not.toBe(first.rotationId);
      expect((await getRotation(accountId, first.rotationId))?.status).toBe('cancelled');
      expect(signals.answered).toEqual([{ token: 'task-token-of-the-first', output: { outcome: 'cancelled' } }]);
      await runSteps(accountId, second.rotationId);
      const stages = await stagesOf(accountId);
      expect(stages[first.rotationId] ?? []).toEqual([]);
      expect(stages[second.rotationId]).toEqual(['OA_PENDING']);
      expect(stages[currentVersion]).toEqual(['AWSCURRENT']);
      // The password the first rotation showed can no longer be confirmed.
      await expect(confirmRotation(administrator, accountId, first.rotationId)).rejects.toMatchObject({
        code: 'RotationCancelled',
      });
    });

  it('an on-demand request while one waits is still refused (409): the administrator finishes the open one', async () => {
    const { accountId } = await newAccount();
    const first = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
    await runSteps(accountId, first.rotationId);
    await expect(beginRotation(await accountOf(accountId), 'on-demand', administrator.id)).rejects.toMatchObject({
      code: 'RotationOpen',
    });
  });
});

async function accountOf(accountId: string) {
  const { getAccount } = await import('../../shared/adapters/accounts.ts');
  return (await getAccount(accountId))!;
}

async function pendingPassword(accountId: string): Promise<string> {
  const { SecretString } = await client.send(
    new GetSecretValueCommand({ SecretId: secretName(accountId), VersionStage: 'OA_PENDING' }),
  );
  return JSON.parse(SecretString!).password as string;
}
