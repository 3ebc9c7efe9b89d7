/**
 * Issue 17.1 under nj-dcf: NJ-02 applies to people. A grant is a request (202) until the CP&P
 * Director and the Director of IT both approve it from their emailed decision links; a refusal by
 * either ends it; requests waiting count toward the two places per office; nobody approves access
 * they asked for. NJ-09: long-term access comes from the Local Office Manager, limited access states
 * its end (at most 90 days ahead) and ends by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount } from '../support/accounts.ts';
import { apiClient, approvalLinkIn, mailbox, poll, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { countItems } from '../support/tables.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let accountId: string;

const cppDirector = 'programdirector@agency.example';
const itDirector = 'itdirector@agency.example';
const password = 'Nj-Grant-Password-77q!';

beforeAll(async () => {
  runtime = await startRuntime({ name: 'grants-nj', profile: 'nj-dcf' });
  api = apiClient(runtime.endpoints);
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
  const stored = await api.put(`/accounts/${accountId}/credential`, {
    as: 'administrator',
    body: { username: 'nj.smoky', password },
  });
  expect(stored.status).toBe(201);
});
afterAll(() => runtime?.stop());

const requestGrant = (as: string, body: Record<string, unknown>) =>
  api.post(`/accounts/${accountId}/grants`, { as, body });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const linkFor = (requestId: string, to: string) =>
  waitForEmail(
    runtime.endpoints,
    (e) =>
      e.destination.to.includes(to) &&
      (e.body.text ?? '').includes(`Grant request: ${requestId}`) &&
      e.subject.startsWith('Approve access'),
  ).then(approvalLinkIn);
const decide = (link: URL, decision: string, comment = '') =>
  api.form(link.pathname, { token: link.searchParams.get('token')!, decision, comment });
const grantOf = async (staffId: string) =>
  (await api.get(`/accounts/${accountId}/grants`, { as: 'director' })).body.items.find(
    (g: { staffId: string }) => g.staffId === staffId,
  );
const reveal = (as: string) => api.get(`/accounts/${accountId}/credential`, { as });

/** Both directors approve from their links; resolves when the grant is in force. */
async function approveBoth(requestId: string): Promise<void> {
  await decide(await linkFor(requestId, cppDirector), 'approve', 'Need confirmed');
  const last = await decide(await linkFor(requestId, itDirector), 'approve', 'Device and access approved');
  expect(last.text).toContain('data-status="approved"');
}

describe('NJ-02: both directors approve each person', () => {
  it('the Local Office Manager asks for long-term access: 202 pending, in force only once both approved', async () => {
    const asked = await requestGrant('officeManager', { staffId: 'stf-staff' });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ staffId: 'stf-staff', active: false, state: 'pending', status: 'pending' });
    expect(asked.body.approvers).toEqual([
      { role: 'director', staffId: 'stf-program-director' },
      { role: 'it-director', staffId: 'stf-it-director' },
    ]);
    const requestId = asked.body.requestId as string;
    // A retry is the same request: no second request, no second email.
    expect((await requestGrant('officeManager', { staffId: 'stf-staff' })).body.requestId).toBe(requestId);

    const first = await linkFor(requestId, cppDirector);
    const second = await linkFor(requestId, itDirector);
    const asks = (await mailbox(runtime.endpoints)).filter((e) =>
      (e.body.text ?? '').includes(`Grant request: ${requestId}`),
    );
    expect(asks.map((e) => e.destination.to).sort()).toEqual([[itDirector], [cppDirector]]);
    expect(asks.every((e) => !(e.body.text ?? '').includes(password))).toBe(true);

    // Opening the page changes nothing (mail scanners open links).
    const page = await api.get(`${first.pathname}${first.search}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sky Caseworker');
    expect((await reveal('staff')).status).toBe(403);

    expect((await decide(first, 'approve', 'Need confirmed')).text).toContain('waits for the other approvers');
    expect((await grantOf('stf-staff')).state).toBe('pending');
    expect((await reveal('staff')).status).toBe(403);
    expect((await decide(first, 'approve')).status).toBe(409);

    expect((await decide(second, 'approve', 'Access approved')).text).toContain('data-status="approved"');
    const granted = await grantOf('stf-staff');
    expect(granted).toMatchObject({ state: 'in-force', active: true, grantedBy: 'stf-office-manager' });
    expect(granted.approvals.map((a: { role: string; decision: string }) => [a.role, a.decision])).toEqual([
      ['director', 'approve'],
      ['it-director', 'approve'],
    ]);
    const revealed = await reveal('staff');
    expect(revealed.status).toBe(200);
    expect(revealed.body.password).toBe(password);
    // The audit trail shows the request, each director's approval and the grant, each citing NJ-02.
    const trail = (await api.get(`/accounts/${accountId}/audit`, { as: 'director' })).body.items.filter(
      (e: { details?: { requestId?: string } }) => e.details?.requestId === requestId,
    );
    const actions = trail.map((e: { action: string }) => e.action).sort();
    expect(actions).toEqual(['grant.approve', 'grant.approve', 'grant.created', 'grant.requested']);
    const of = (action: string) => trail.filter((e: { action: string }) => e.action === action);
    expect(of('grant.approve').map((e: { details: { rule: string } }) => e.details.rule)).toEqual(['NJ-02', 'NJ-02']);
    expect(of('grant.created')[0].details).toMatchObject({ approvedUnder: 'NJ-02', staffId: 'stf-staff' });
  });

  it('NJ-09: only the Local Office Manager asks for long-term access; limited access states its end', async () => {
    const before = await countItems(runtime.endpoints);
    const longTerm = await requestGrant('director', { staffId: 'stf-staff2' });
    expect(longTerm.status).toBe(403);
    expect(longTerm.body.error.code).toBe('NJ-09');
    const tooLong = await requestGrant('director', { staffId: 'stf-staff2', expiresAt: inDays(120) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.code).toBe('NJ-09');
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });

  it('NJ-02: a request waiting counts toward the office cap; a refusal by either director ends it', async () => {
    const waiting = await requestGrant('director', { staffId: 'stf-staff2', expiresAt: inDays(30) });
    expect(waiting.status).toBe(202);
    const before = await countItems(runtime.endpoints);
    const third = await requestGrant('director', { staffId: 'stf-staff3', expiresAt: inDays(30) });
    expect(third.status).toBe(422);
    expect(third.body.error.code).toBe('NJ-02');
    expect(await countItems(runtime.endpoints)).toEqual(before);

    const requestId = waiting.body.requestId as string;
    const cpp = await linkFor(requestId, cppDirector);
    const refused = await decide(await linkFor(requestId, itDirector), 'reject', 'Another colleague can assist');
    expect(refused.text).toContain('data-status="rejected"');
    // The requester and the person hear that it was refused.
    const told = await waitForEmail(runtime.endpoints, (e) => e.subject.startsWith('Access refused: Robin Caseworker'));
    expect(told.destination.to.sort()).toEqual(['director@agency.example', 'staff2@agency.example']);
    expect(await grantOf('stf-staff2')).toBeUndefined();
    expect((await api.get(`${cpp.pathname}${cpp.search}`)).status).toBe(409);
    expect((await reveal('staff2')).status).toBe(403);
  });

  it('NJ-09: limited access ends by itself at its stated end', async () => {
    const endsAt = new Date(Date.now() + 20_000).toISOString();
    const asked = await requestGrant('director', { staffId: 'stf-staff3', expiresAt: endsAt });
    expect(asked.status).toBe(202);
    await approveBoth(asked.body.requestId);
    expect((await reveal('staff3')).status).toBe(200);
    await poll('the end of the grant', async () => Date.now() > Date.parse(endsAt) + 500 || undefined, 30_000);
    const after = await reveal('staff3');
    expect(after.status).toBe(403);
    expect(await grantOf('stf-staff3')).toMatchObject({ state: 'expired', active: false });
  });

  it('nobody approves access they asked for, not even as a delegate', async () => {
    const delegation = await api.post('/delegations', {
      as: 'programDirector',
      body: { delegateId: 'stf-director', from: new Date().toISOString(), to: inDays(5) },
    });
    expect(delegation.status).toBe(201);
    const asked = await requestGrant('director', { staffId: 'stf-staff2', expiresAt: inDays(10) });
    expect(asked.status).toBe(202);
    const requestId = asked.body.requestId as string;
    await linkFor(requestId, cppDirector);
    await linkFor(requestId, itDirector);
    const toRequester = (await mailbox(runtime.endpoints)).filter(
      (e) =>
        (e.body.text ?? '').includes(`Grant request: ${requestId}`) &&
        e.destination.to.includes('director@agency.example'),
    );
    expect(toRequester).toEqual([]);

    // The delegation is in force: withdrawn, and asked for again by someone else, the link goes to the delegate.
    const cpp = await linkFor(requestId, cppDirector);
    expect((await api.delete(`/accounts/${accountId}/grants/stf-staff2`, { as: 'director' })).status).toBe(204);
    expect((await api.get(`${cpp.pathname}${cpp.search}`)).status).toBe(409);
    const again = await requestGrant('officeManager', { staffId: 'stf-staff2', expiresAt: inDays(10) });
    expect(again.status).toBe(202);
    await linkFor(again.body.requestId, 'director@agency.example');
    // The grant's own holder is never an approver either: neither slot names the grantee or the requester.
    expect(asked.body.approvers.map((s: { staffId: string }) => s.staffId)).not.toContain('stf-director');
  });
});
