/**
 * CT-06 beyond contact records: incidents and the audit trail are kept for the profile's retention
 * (recordDays, auditRecordDays), then disposed of by the scheduled job with a log entry citing the
 * rule, unless a litigation hold on their account keeps them; only a records officer lifts the hold.
 * Records aged years cannot come from the API, which dates what it writes now, so the test writes
 * them through the product's own adapters into the runtime's DynamoDB, as a migration would.
 */
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../shared/tables.ts';
import { approvedAccount } from '../support/accounts.ts';
import { apiClient } from '../support/api.ts';
import { repositoryRoot, startRuntime, type TestRuntime } from '../support/runtime.ts';
import { dynamoClient } from '../support/tables.ts';

const run = promisify(execFile);
let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let accountId: string;
let holdId: string;
const eightYearsAgo = new Date(Date.now() - 8 * 365 * 86_400_000).toISOString();

beforeAll(async () => {
  runtime = await startRuntime({ name: 'records-retention' });
  api = apiClient(runtime.endpoints);
  // The adapters of this process write to the runtime's tables, as the functions do.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.aws.dynamodb,
    AWS_REGION: runtime.endpoints.region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    POLICY_PROFILE: 'tn-dcs',
    ...Object.fromEntries(Object.values(tables).map((table) => [table.envVar, table.logicalId])),
  });
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
}, 120_000);
afterAll(() => runtime?.stop());

async function runDisposal(): Promise<{ complete: boolean; records: { disposed: number; held: number } }> {
  const { stdout } = await run(
    process.execPath,
    ['local/run-schedule.ts', 'contactDisposal', '--data-dir', runtime.dataDir],
    { cwd: repositoryRoot },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('contactDisposal: '));
  if (!line) throw new Error(`No summary from the disposal job:\n${stdout}`);
  return JSON.parse(line.slice('contactDisposal: '.length));
}

const read = async (table: string, key: { pk: string; sk: string }) => {
  const client = DynamoDBDocumentClient.from(dynamoClient(runtime.endpoints));
  return (await client.send(new GetCommand({ TableName: table, Key: key }))).Item;
};

const exists = async (table: string, key: { pk: string; sk: string }) => {
  const client = DynamoDBDocumentClient.from(dynamoClient(runtime.endpoints));
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: key }));
  return Item !== undefined;
};

describe('CT-06: incidents and the audit trail under retention and litigation holds', () => {
  const keys: Record<string, { table: string; key: { pk: string; sk: string } }> = {};

  it('writes an old incident and audit entry on the held account and on another one', async () => {
    const { putIncident } = await import('../../shared/adapters/incidents.ts');
    const { appendAudit } = await import('../../shared/adapters/audit.ts');
    for (const [name, account] of [
      ['held', accountId],
      ['free', 'acc_retired0000000000000000'],
    ] as const) {
      const incidentId = `inc_old${name}`;
      await putIncident({
        incidentId,
        accountId: account,
        region: 'smoky-mountain',
        type: 'other',
        description: 'an old incident',
        observedAt: eightYearsAgo,
        reportedBy: 'stf-staff',
        reportedAt: eightYearsAgo,
        status: 'closed',
      });
      keys[`incident-${name}`] = { table: 'Accounts', key: { pk: `INCIDENT#${incidentId}`, sk: 'INCIDENT' } };
      const key = await appendAudit({
        subject: `ACCOUNT#${account}`,
        action: 'test.old',
        actorId: 'stf-staff',
        at: eightYearsAgo,
      });
      keys[`audit-${name}`] = { table: 'Audit', key };
    }
    for (const { table, key } of Object.values(keys)) expect(await exists(table, key)).toBe(true);
  });

  it('a hold on the account keeps its incident and audit entry; the others are disposed of and logged', async () => {
    const hold = await api.post('/holds', { as: 'director', body: { accountId, reason: 'Matter 26-CV-9' } });
    expect(hold.status).toBe(201);
    holdId = hold.body.holdId;
    const summary = await runDisposal();
    expect(summary).toMatchObject({ complete: true, records: { disposed: 2, held: 2 } });
    expect(await exists(keys['incident-free']!.table, keys['incident-free']!.key)).toBe(false);
    // Issue 21.5: a disposed audit entry keeps its place in its chain as a tombstone, without its content.
    const tombstone = await read(keys['audit-free']!.table, keys['audit-free']!.key);
    expect(tombstone).toMatchObject({
      type: 'audit-tombstone',
      tombstone: { job: expect.any(String), retentionSchedule: { profile: 'tn-dcs', days: 7 * 365 } },
    });
    expect(tombstone).not.toHaveProperty('action');
    expect(tombstone).not.toHaveProperty('details');
    expect(tombstone).not.toHaveProperty('actorId');
    const { checkChain } = await import('../../shared/domain/audit-chain.ts');
    const { chainItems, chainHead } = await import('../../shared/adapters/audit-chains.ts');
    const chain = 'ACCOUNT#acc_retired0000000000000000';
    const items = await chainItems(chain);
    expect(items.map((item) => item.action ?? item.type)).toEqual([
      'audit-tombstone',
      'record.disposed',
      'audit-entry.disposed',
    ]);
    expect(checkChain(chain, items, await chainHead(chain))).toBeUndefined();
    expect(items).toContainEqual(
      expect.objectContaining({
        action: 'record.disposed',
        subject: 'INCIDENT#inc_oldfree',
        details: expect.objectContaining({ recordKind: 'incident', jobRun: expect.stringContaining('@') }),
      }),
    );
    expect(await exists(keys['incident-held']!.table, keys['incident-held']!.key)).toBe(true);
    expect(await exists(keys['audit-held']!.table, keys['audit-held']!.key)).toBe(true);
    const log = await api.get(`/disposals?date=${new Date().toISOString().slice(0, 10)}`, { as: 'operations' });
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recordKind: 'incident', recordId: 'inc_oldfree', disposedAt: expect.any(String) }),
        expect.objectContaining({
          recordKind: 'audit-entry',
          retentionSchedule: { profile: 'tn-dcs', days: 7 * 365 },
        }),
      ]),
    );
  });

  it('CT-06: a records request exports the held account with its incidents, decisions and trail, audited', async () => {
    const response = await api.get(`/records/export?accountId=${accountId}&requestReference=FOIA-26-17`, {
      as: 'recordsOfficer',
    });
    expect(response.status).toBe(200);
    const lines = response.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { recordKind: string; record: Record<string, unknown> });
    const kinds = new Set(lines.map((line) => line.recordKind));
    expect([...kinds]).toEqual(
      expect.arrayContaining(['account', 'incident', 'account-request', 'decision', 'audit-entry']),
    );
    expect(lines).toContainEqual({
      recordKind: 'incident',
      record: expect.objectContaining({ incidentId: 'inc_oldheld' }),
    });
    expect(JSON.stringify(lines)).not.toMatch(/secretArn|taskToken|retention/);
    const trail = await api.get(`/accounts/${accountId}/audit`, { as: 'operations' });
    expect(trail.body.items).toContainEqual(
      expect.objectContaining({
        action: 'records.exported',
        details: expect.objectContaining({ requestReference: 'FOIA-26-17' }),
      }),
    );
    expect((await api.get(`/records/export?accountId=${accountId}`, { as: 'director' })).status).toBe(403);
  });

  it('CT-06: the director whose region is held cannot lift it; a records officer can, and the records then go', async () => {
    const refused = await api.delete(`/holds/${holdId}`, { as: 'director', body: { reason: 'done' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CT-06');
    const lifted = await api.delete(`/holds/${holdId}`, { as: 'recordsOfficer', body: { reason: 'Matter closed' } });
    expect(lifted.status).toBe(200);
    expect(await runDisposal()).toMatchObject({ complete: true, records: { disposed: 2, held: 0 } });
    expect(await exists(keys['incident-held']!.table, keys['incident-held']!.key)).toBe(false);
    // Issue 21.5: gone as content, kept as its chain's tombstone.
    expect(await read(keys['audit-held']!.table, keys['audit-held']!.key)).toMatchObject({ type: 'audit-tombstone' });
    expect(await read(keys['audit-held']!.table, keys['audit-held']!.key)).not.toHaveProperty('action');
  });
});
