/**
 * Operations notices on DynamoDB Local (issue 19): a notice is one per event however often the step
 * that writes it is retried. A retried workflow step runs at a later moment, so the same notice id
 * arrives with a later time; it must neither list twice on the status page nor mail operations twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOpsNotice, recentOpsNotices } from '../../shared/adapters/ops-notices.ts';
import { type LocalTables, startLocalTables } from '../support/local-tables.ts';

let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables(['accounts']);
}, 60_000);
afterAll(() => local?.stop());

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
