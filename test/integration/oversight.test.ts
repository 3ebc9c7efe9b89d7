/**
 * Oversight (issue 17.10): DC-01's Office of Public Information reads every account, its decisions
 * and audit trail and can suspend one, after which nothing is revealed, granted or recorded on it
 * until it is reinstated; MO-04's central office records its monitoring; NJ-03's purpose of access
 * and whether public information would have sufficed are recorded on the grant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let accountId: string;
let requestId: string;

const contact = (key: string) =>
  api.post('/contacts', {
    as: 'caseSystem',
    headers: { 'idempotency-key': key },
    body: {
      caseId: 'case-oversight',
      accountId,
      workerId: 'stf-staff',
      workerName: 'Sky Caseworker',
      workerContact: { email: 'sky.caseworker@agency.example' },
      recipient: { handle: 'facebook.com/oversight', verified: true },
      channel: 'private-message',
      direction: 'outbound',
      purpose: 'diligent-search',
      messageKind: 'conversation',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
const reveal = (as: string) => api.get(`/accounts/${accountId}/credential`, { as });
const audit = async () =>
  (await api.get(`/accounts/${accountId}/audit`, { as: 'oversight' })).body.items as Array<Record<string, any>>;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'oversight' });
  api = apiClient(runtime.endpoints);
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
  requestId = accountId.replace(/^acc_/, 'req_');
  const stored = await api.put(`/accounts/${accountId}/credential`, {
    as: 'administrator',
    body: { username: 'dcs.smoky.region', password: 'An-initial-password-for-oversight-01' },
  });
  expect(stored.status).toBeLessThan(300);
}, 120_000);
afterAll(() => runtime?.stop());

describe('DC-01: oversight reads every account, its decisions and its audit trail', () => {
  it('reads the account, the request that created it, the trail, and another region’s accounts', async () => {
    expect((await api.get(`/accounts/${accountId}`, { as: 'oversight' })).status).toBe(200);
    expect((await api.get('/accounts?region=knox', { as: 'oversight' })).status).toBe(200);
    const request = await api.get(`/account-requests/${requestId}`, { as: 'oversight' });
    expect(request.status).toBe(200);
    expect(request.body.approvals).toEqual([expect.objectContaining({ decision: 'approve' })]);
    expect((await api.get(`/accounts/${accountId}/audit`, { as: 'oversight' })).status).toBe(200);
  });

  it('holds no other power: it neither reveals nor grants', async () => {
    expect((await reveal('oversight')).status).toBe(403);
    expect((await grant(runtime.endpoints, accountId, 'stf-staff2')).status).toBe(201);
    const asOversight = await api.post(`/accounts/${accountId}/grants`, {
      as: 'oversight',
      body: { staffId: 'stf-staff3' },
    });
    expect(asOversight.status).toBe(403);
  });
});

describe('NJ-03: a grant records the purpose of access and whether public information would have sufficed', () => {
  it('keeps both fields on the grant', async () => {
    const granted = await grant(runtime.endpoints, accountId, 'stf-staff', {
      accessPurpose: 'Diligent search for the mother of a child entering care',
      publicInformationSufficed: false,
    });
    expect(granted.status).toBe(201);
    const { body } = await api.get(`/accounts/${accountId}/grants`, { as: 'director' });
    const recorded = body.items.find((g: { staffId: string }) => g.staffId === 'stf-staff');
    expect(recorded, 'NJ-03').toMatchObject({
      accessPurpose: 'Diligent search for the mother of a child entering care',
      publicInformationSufficed: false,
    });
    const entry = (await audit()).find((e) => e.action === 'grant.created' && e.details?.staffId === 'stf-staff');
    expect(entry?.details).toMatchObject({ publicInformationSufficed: false, purposeRule: 'NJ-03' });
    const bad = await grant(runtime.endpoints, accountId, 'stf-staff', { publicInformationSufficed: 'no' });
    expect(bad.status).toBe(400);
  });
});

describe('DC-01: oversight suspends an account, and a suspended account accepts no reveal, grant or contact', () => {
  it('only oversight suspends, with a reason', async () => {
    const byDirector = await api.post(`/accounts/${accountId}/suspension`, { as: 'director', body: { reason: 'x' } });
    expect(byDirector.status).toBe(403);
    expect((await api.post(`/accounts/${accountId}/suspension`, { as: 'oversight', body: {} })).status).toBe(400);
    expect((await contact('before-suspension')).status).toBe(201);
    const suspended = await api.post(`/accounts/${accountId}/suspension`, {
      as: 'oversight',
      body: { reason: 'Posts outside the approved purpose' },
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    const again = await api.post(`/accounts/${accountId}/suspension`, { as: 'oversight', body: { reason: 'again' } });
    expect(again.status).toBe(200);
    expect((await audit()).filter((e) => e.action === 'account.suspended')).toEqual([
      expect.objectContaining({
        actorId: 'stf-oversight',
        details: expect.objectContaining({ reason: 'Posts outside the approved purpose' }),
      }),
    ]);
  });

  it.each([
    ['a reveal', () => reveal('administrator')],
    ['a grant', () => grant(runtime.endpoints, accountId, 'stf-staff3')],
    ['a contact', () => contact('during-suspension')],
  ])('DC-01 refuses %s while the account is suspended', async (_what, attempt) => {
    const refused = await attempt();
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('DC-01');
  });

  it('reinstated with a reason, the account works again', async () => {
    const reinstated = await api.delete(`/accounts/${accountId}/suspension`, {
      as: 'oversight',
      body: { reason: 'Purpose confirmed with the region' },
    });
    expect(reinstated.status).toBe(200);
    expect(reinstated.body.status).toBe('active');
    expect((await reveal('administrator')).status).toBe(200);
    expect((await audit()).map((e) => e.action)).toEqual(expect.arrayContaining(['account.reinstated']));
  });
});

describe('MO-04: central office records its monitoring of the account', () => {
  it('records what was reviewed, in the account’s trail', async () => {
    const recorded = await api.post(`/accounts/${accountId}/monitoring`, {
      as: 'oversight',
      body: { note: 'Reviewed messages of the week; answered two', respondedTo: 2 },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ rule: 'MO-04', monitoredBy: 'stf-oversight', respondedTo: 2 });
    const entry = (await audit()).find((e) => e.action === 'account.monitored');
    expect(entry?.details).toMatchObject({ rule: 'MO-04', note: 'Reviewed messages of the week; answered two' });
    expect((await api.post(`/accounts/${accountId}/monitoring`, { as: 'staff', body: { note: 'x' } })).status).toBe(
      403,
    );
  });
});
