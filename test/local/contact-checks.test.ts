/**
 * What recording a contact is judged on, read in one BatchGetItem (shared/adapters/contact-checks.ts),
 * against a real DynamoDB Local: the account (with its purpose, for TN-04), the worker and the
 * grant as of the contact's time (TN-01, TN-07, NJ-09), and keys DynamoDB leaves unprocessed under
 * throttling asked for again. Local DynamoDB never throttles, so a middleware on the product's own
 * client moves a key of its real answer into UnprocessedKeys, the way DynamoDB answers when it
 * throttles.
 */
import { PutItemCommand, type BatchGetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, startDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.ts';
import { accountKey } from '../../shared/adapters/accounts.ts';
import { dynamo } from '../../shared/adapters/clients.ts';
import { callerWithContactChecks, contactChecks } from '../../shared/adapters/contact-checks.ts';
import { putStaffMember } from '../../shared/adapters/directory.ts';
import { putGrant } from '../../shared/adapters/grants.ts';
import { ServiceUnavailableError } from '../../shared/errors.ts';
import { withInvocationContext } from '../../shared/invocation-context.ts';
import { tables } from '../../shared/tables.ts';

let local: LocalDynamoDb;
const saved = { ...process.env };
/** How many BatchGetItem answers in a row lose their first key to UnprocessedKeys. */
let throttleNext = 0;
let batchCalls = 0;

beforeAll(async () => {
  local = await startDynamoDb({});
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    [tables.accounts.envVar]: tables.accounts.logicalId,
    [tables.directory.envVar]: tables.directory.logicalId,
  });
  const admin = new DynamoDBClient({
    endpoint: local.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(admin, tables.accounts);
  await ensureTable(admin, tables.directory);
  await admin.send(
    new PutItemCommand({
      TableName: tables.accounts.logicalId,
      Item: {
        pk: { S: accountKey('acc-1').pk },
        sk: { S: accountKey('acc-1').sk },
        accountId: { S: 'acc-1' },
        status: { S: 'active' },
        purpose: { S: 'client-contact' },
      },
    }),
  );
  admin.destroy();
  await putStaffMember({
    staffId: 'stf-1',
    name: 'Pat Example',
    email: 'pat@example.gov',
    roles: ['staff'],
    region: 'knox',
    office: 'knox-central',
    unit: 'locator',
  });
  await putStaffMember({
    staffId: 'stf-case-system',
    name: 'Case system',
    email: 'case-system@example.gov',
    roles: ['case-system'],
    region: 'knox',
    office: 'knox-central',
  });
  await putGrant({
    accountId: 'acc-1',
    staffId: 'stf-1',
    office: 'knox-central',
    grantedBy: 'stf-director',
    grantedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-12-31T00:00:00.000Z',
  });

  // The product's client, as its functions use it, with DynamoDB's throttling answer simulated.
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName !== 'BatchGetItemCommand') return result;
      batchCalls += 1;
      const output = result.output as BatchGetItemCommandOutput;
      if (throttleNext > 0) {
        throttleNext -= 1;
        const [table, items] = Object.entries(output.Responses ?? {}).find(([, found]) => found.length > 0)!;
        const [held, ...kept] = items;
        output.Responses![table] = kept;
        output.UnprocessedKeys = { [table]: { Keys: [{ pk: held!.pk!, sk: held!.sk! }] } };
      }
      return result;
    },
    { step: 'deserialize', priority: 'high', name: 'simulatedThrottling' },
  );
}, 90_000);

afterAll(async () => {
  process.env = saved;
  await local?.stop();
});

describe('contact checks', () => {
  it("reads the account, the worker and the grant active at the contact's time in one call", async () => {
    batchCalls = 0;
    const checks = await contactChecks('acc-1', 'stf-1', '2026-06-01T00:00:00.000Z');
    expect(batchCalls).toBe(1);
    expect(checks.account?.status).toBe('active');
    // TN-04 reaches contacts (issue 17.8): the purpose comes with the account, at no extra read.
    expect(checks.account?.purpose).toBe('client-contact');
    expect(checks.worker).toMatchObject({ staffId: 'stf-1', unit: 'locator', region: 'knox' });
    expect(checks.grant).toMatchObject({ accountId: 'acc-1', staffId: 'stf-1' });
    expect(checks.account).not.toHaveProperty('pk');
  });

  it('a contact after the grant ran out finds no grant (NJ-09); an unknown worker or account is undefined', async () => {
    expect((await contactChecks('acc-1', 'stf-1', '2027-01-02T00:00:00.000Z')).grant).toBeUndefined();
    const unknown = await contactChecks('acc-unknown', 'stf-unknown', '2026-06-01T00:00:00.000Z');
    expect(unknown).toEqual({ account: undefined, worker: undefined, grant: undefined });
  });

  it('asks again for keys DynamoDB left unprocessed, and gets the same answer', async () => {
    batchCalls = 0;
    throttleNext = 2;
    const checks = await contactChecks('acc-1', 'stf-1', '2026-06-01T00:00:00.000Z');
    expect(batchCalls).toBe(3);
    expect(checks.account?.status).toBe('active');
    expect(checks.worker?.unit).toBe('locator');
    expect(checks.grant?.staffId).toBe('stf-1');
  });

  it('answers 503, retryable, when keys stay unprocessed after every retry', async () => {
    batchCalls = 0;
    throttleNext = 100;
    const error = await contactChecks('acc-1', 'stf-1', '2026-06-01T00:00:00.000Z').catch((caught: unknown) => caught);
    throttleNext = 0;
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).status).toBe(503);
    expect(batchCalls).toBe(5);
  });

  it("reads the caller's directory record in the same call (issue 20.1), and the checks then ask for nothing", async () => {
    batchCalls = 0;
    const { entry, checks } = await withInvocationContext(async () => {
      const entry = await callerWithContactChecks('stf-case-system', 'acc-1', 'stf-1');
      return { entry, checks: await contactChecks('acc-1', 'stf-1', '2026-06-01T00:00:00.000Z') };
    })();
    expect(batchCalls).toBe(1);
    expect(entry).toMatchObject({ staffId: 'stf-case-system', roles: ['case-system'] });
    expect(checks.account?.status).toBe('active');
    expect(checks.worker?.unit).toBe('locator');
    expect(checks.grant?.staffId).toBe('stf-1');
  });

  it('reads again when the checks are for another account or worker than the one read with the caller', async () => {
    batchCalls = 0;
    const checks = await withInvocationContext(async () => {
      await callerWithContactChecks('stf-case-system', 'acc-unknown', 'stf-1');
      return contactChecks('acc-1', 'stf-1', '2026-06-01T00:00:00.000Z');
    })();
    expect(batchCalls).toBe(2);
    expect(checks.account?.status).toBe('active');
  });

  it('a worker recording their own contact is one directory key, read once', async () => {
    const entry = await withInvocationContext(() => callerWithContactChecks('stf-1', 'acc-1', 'stf-1'))();
    expect(entry?.staffId).toBe('stf-1');
  });
});
