/**
 * Operations notices on DynamoDB Local (issue 19): a notice is one per event however often the step
 * that writes it is retried. A retried workflow step runs at a later moment, so the same notice id
 * arrives with a later time; it must neither list twice on the status page nor mail operations twice.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, type LocalDynamoDb, startDynamoDb } from '../../local/dynamodb.ts';
import { putOpsNotice, recentOpsNotices } from '../../shared/adapters/ops-notices.ts';
import { tables } from '../../shared/tables.ts';

let dynamoDb: LocalDynamoDb;
const saved = { ...process.env };

beforeAll(async () => {
  dynamoDb = await startDynamoDb({});
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    [tables.accounts.envVar]: tables.accounts.logicalId,
  });
  const admin = new DynamoDBClient({});
  await ensureTable(admin, tables.accounts);
  admin.destroy();
}, 60_000);
afterAll(async () => {
  await dynamoDb?.stop();
  process.env = saved;
});

const notice = (at: string) => ({
  kind: 'mail-feedback' as const,
  noticeId: 'asked-unreachable:REQUEST#req_1:stf-a',
  at,
  subject: 'REQUEST#req_1',
  summary: 'The request went to A although mail to them does not arrive.',
});

describe('putOpsNotice', () => {
  it('writes a notice once per id, whatever time a retry gives it, and says whether it was new', async () => {
    expect(await putOpsNotice(notice('2026-12-04T10:00:00.000Z'))).toBe(true);
    expect(await putOpsNotice(notice('2026-12-04T10:00:00.000Z'))).toBe(false);
    expect(await putOpsNotice(notice('2026-12-04T10:00:07.500Z'))).toBe(false);
    const listed = await recentOpsNotices('mail-feedback', '2026-12-04T00:00:00.000Z');
    expect(listed.filter((n) => n.noticeId === notice('').noticeId)).toHaveLength(1);
    expect(listed[0]?.at).toBe('2026-12-04T10:00:00.000Z');
  });

  it('keeps notices of different ids apart', async () => {
    expect(await putOpsNotice({ ...notice('2026-12-04T11:00:00.000Z'), noticeId: 'other' })).toBe(true);
    expect((await recentOpsNotices('mail-feedback', '2026-12-04T00:00:00.000Z')).length).toBe(2);
  });
});
