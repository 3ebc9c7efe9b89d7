/**
 * Concurrency, as case systems and approvers cause it: hundreds of copies of one contact record
 * racing under one Idempotency-Key, thousands of distinct records at once, and many decisions
 * racing on one approval link. At most 64 requests are in flight at a time (test/support/pool.ts),
 * so every request still races with dozens of others on a two-core machine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient, approvalLinkIn, poll, waitForEmail } from '../support/api.ts';
import { inPool, poolWidth } from '../support/pool.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { countItems } from '../support/tables.ts';

const duplicates = 500;
const distinct = 5_000;
const decisions = 200;

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let accountId: string;
/** Items one contact record takes in the Contacts table (the record and its disposal marker), measured. */
let itemsPerRecord: number;

const contact = (caseId: string, n = 0) => ({
  caseId,
  accountId,
  workerId: 'stf-staff',
  workerName: 'Sky Caseworker',
  workerContact: { email: 'sky.caseworker@agency.example' },
  recipient: { handle: `facebook.com/parent.${n}`, verified: true },
  channel: 'private-message',
  direction: n % 2 ? 'inbound' : 'outbound',
  purpose: 'diligent-search',
  messageKind: 'conversation',
  occurredAt: new Date(Date.now() - 3_600_000 + n).toISOString(),
  summary: `Message ${n}`,
});

const post = (body: unknown, key?: string) =>
  api.post<{ contactId?: string }>('/contacts', {
    as: 'caseSystem',
    body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
const contactItems = async () => (await countItems(runtime.endpoints)).Contacts ?? 0;

/** Every record of a case, read back page by page as a case system would. */
async function recordsOf(caseId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `caseId=${caseId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { status, body } = await api.get(`/contacts?${query}`, { as: 'caseSystem' });
    expect(status).toBe(200);
    ids.push(...body.items.map((item: { contactId: string }) => item.contactId));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

const tally = (statuses: number[]) =>
  Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((t) => t === s).length]));

beforeAll(async () => {
  runtime = await startRuntime({ name: 'concurrency' });
  api = apiClient(runtime.endpoints);
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
  expect((await grant(runtime.endpoints, accountId, 'stf-staff')).status).toBe(201);
  const before = await contactItems();
  expect((await post(contact('case-calibration'))).status).toBe(201);
  itemsPerRecord = (await contactItems()) - before;
  expect(itemsPerRecord).toBeGreaterThan(0);
}, 180_000);
afterAll(() => runtime?.stop());

describe('contact records under concurrency (TN-12)', () => {
  it(`${duplicates} concurrent copies under one Idempotency-Key: exactly one record, and every copy gets its 201`, async () => {
    const key = randomUUID();
    const body = contact('case-duplicates');
    const before = await contactItems();
    const responses = await inPool(Array.from({ length: duplicates }), poolWidth, () => post(body, key));
    expect(tally(responses.map((r) => r.status))).toEqual({ 201: duplicates });
    const ids = new Set(responses.map((r) => r.body.contactId));
    expect(ids.size).toBe(1);
    expect(await recordsOf('case-duplicates')).toEqual([...ids]);
    expect((await contactItems()) - before).toBe(itemsPerRecord);
    console.log(`concurrency: ${duplicates} duplicates under one key → 1 record`);
  });

  it(`${distinct} distinct records at once: exactly ${distinct}, each readable`, async () => {
    const before = await contactItems();
    const started = performance.now();
    const responses = await inPool(
      Array.from({ length: distinct }, (_, n) => n),
      poolWidth,
      (n) => post(contact('case-distinct', n), `distinct-${n}-${randomUUID()}`),
    );
    const seconds = (performance.now() - started) / 1000;
    expect(tally(responses.map((r) => r.status))).toEqual({ 201: distinct });
    const ids = new Set(responses.map((r) => r.body.contactId!));
    expect(ids.size).toBe(distinct);
    const stored = await recordsOf('case-distinct');
    expect(stored).toHaveLength(distinct);
    expect(new Set(stored)).toEqual(ids);
    expect((await contactItems()) - before).toBe(distinct * itemsPerRecord);
    console.log(
      `concurrency: ${distinct} distinct records in ${seconds.toFixed(1)} s (${Math.round(distinct / seconds)}/s, ${poolWidth} in flight) → ${stored.length} stored`,
    );
  });
});

describe('an approval link under concurrency (TN-02)', () => {
  it(`${decisions} concurrent decisions on one link: exactly one wins, the rest are 409, and the workflow follows the winner`, async () => {
    const { status, body } = await api.post('/account-requests', {
      as: 'director',
      body: {
        platform: 'instagram',
        purpose: 'client-contact',
        region: 'smoky-mountain',
        administratorId: 'stf-administrator',
        backupAdministratorId: 'stf-backup-administrator',
      },
    });
    expect(status).toBe(202);
    const requestId = body.requestId as string;
    const link = approvalLinkIn(
      await waitForEmail(
        runtime.endpoints,
        (e) => (e.body.text ?? '').includes(`Request: ${requestId}`) && e.subject.startsWith('Approve'),
      ),
    );
    const token = link.searchParams.get('token')!;
    const choices = Array.from({ length: decisions }, (_, n) => (n % 2 ? 'reject' : 'approve'));
    const responses = await inPool(choices, poolWidth, (decision) =>
      api.form(link.pathname, { token, decision, comment: `racer ${decision}` }).then((r) => ({ ...r, decision })),
    );
    expect(tally(responses.map((r) => r.status))).toEqual({ 200: 1, 409: decisions - 1 });
    const winner = responses.find((r) => r.status === 200)!.decision;
    const view = (await api.get(`/account-requests/${requestId}`, { as: 'director' })).body;
    expect(view.approvals).toEqual([expect.objectContaining({ decision: winner, approverId: 'stf-communications' })]);
    const settled = await poll(
      'the request to settle',
      async () => {
        const current = (await api.get(`/account-requests/${requestId}`, { as: 'director' })).body;
        return winner === 'approve' ? current.accountId && current : current.status === 'rejected' && current;
      },
      30_000,
    );
    expect(settled.status).toBe(winner === 'approve' ? 'approved' : 'rejected');
    console.log(`concurrency: ${decisions} decisions on one link → 1 winner (${winner})`);
  });
});
