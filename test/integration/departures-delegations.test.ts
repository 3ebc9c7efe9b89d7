/**
 * Departures and delegations against the two-person rule (issue 16) on tn-dcs: a departed person
 * decides nothing, is picked for nothing and is granted nothing, and what they held is flagged for
 * reassignment (16.2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient, approvalLinkIn, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { unindexLinkHolder } from '../support/tables.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let accountId: string;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'departures-delegations' });
  api = apiClient(runtime.endpoints);
  accountId = await approvedAccount(runtime.endpoints, { platform: 'linkedin' });
}, 120_000);
afterAll(() => runtime?.stop());

const hour = 3_600_000;

/** Files a request as `as` and returns its id and the link emailed to `approverEmail`. */
async function fileRequest(platform: string, approverEmail: string, as = 'director') {
  const response = await api.post('/account-requests', {
    as,
    body: {
      platform,
      purpose: 'client-contact',
      region: 'smoky-mountain',
      administratorId: 'stf-administrator',
      backupAdministratorId: 'stf-backup-administrator',
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  const requestId = response.body.requestId as string;
  const email = await waitForEmail(
    runtime.endpoints,
    (e) =>
      e.destination.to.includes(approverEmail) &&
      e.subject.startsWith('Approve') &&
      (e.body.text ?? '').includes(`Request: ${requestId}`),
  );
  return { requestId, link: approvalLinkIn(email) };
}

const decide = (link: URL, decision = 'approve') =>
  api.form(link.pathname, { token: link.searchParams.get('token')!, decision, comment: '' });
const delegate = (as: string, delegateId: string, from: number, to: number) =>
  api.post('/delegations', {
    as,
    body: { delegateId, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
  });
const depart = (staffId: string, as = 'hr', standing = 'good') =>
  api.post('/departures', { as, body: { staffId, standing, departedAt: new Date().toISOString() } });

describe('issue 16.2: a departure', () => {
  it("refuses the leaver's links, even one issued before the holder index, and voids their links and delegations", async () => {
    const first = await fileRequest('facebook', 'communications@agency.example');
    const second = await fileRequest('x', 'communications@agency.example');
    await unindexLinkHolder(runtime.endpoints, first.link.pathname.split('/').at(-1)!);
    const now = Date.now();
    expect((await delegate('communications', 'stf-communications2', now + hour, now + 2 * hour)).status).toBe(201);
    expect((await delegate('communications2', 'stf-communications', now, now + hour)).status).toBe(201);

    const reported = await depart('stf-communications');
    expect(reported.status).toBe(202);
    // The voided link says so (410); the one the holder index could not find is refused by the directory.
    for (const [{ link }, status] of [
      [first, 403],
      [second, 410],
    ] as const) {
      expect((await fetch(link)).status).toBe(status);
      expect((await decide(link)).status).toBe(status);
    }
    for (const { requestId } of [first, second])
      expect((await api.get(`/account-requests/${requestId}`, { as: 'director' })).body).toMatchObject({
        status: 'pending',
        approvals: [],
      });

    const departure = (await api.get(`/departures/${reported.body.departureId}`, { as: 'hr' })).body;
    expect(departure.voided).toEqual({ links: 1, delegations: 2 });
    expect(departure.positions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'approval-step', requestId: first.requestId, slot: 0 }),
        expect.objectContaining({ kind: 'approval-step', requestId: second.requestId, slot: 0 }),
      ]),
    );
    const report = await waitForEmail(runtime.endpoints, (e) => e.subject === 'Leaver report: Casey Communications');
    expect(report.destination.to).toContain('director@agency.example');
    expect(report.body.text).toContain(first.requestId);
  });

  it('the leaver is no longer picked as approver, and the delegation they received no longer routes links', async () => {
    // stf-communications sorts first, and stf-communications2 had delegated to them.
    const { link } = await fileRequest('instagram', 'communications2@agency.example');
    expect((await decide(link, 'reject')).status).toBe(200);
  });

  let backupDeparture: string;

  it('a departing designated administrator: the account is flagged for a new back-up administrator', async () => {
    const reported = await depart('stf-backup-administrator');
    expect(reported.status).toBe(202);
    backupDeparture = reported.body.departureId;
    const departure = (await api.get(`/departures/${reported.body.departureId}`, { as: 'hr' })).body;
    expect(departure.positions).toEqual([
      expect.objectContaining({ kind: 'backup-administrator', accountId, region: 'smoky-mountain' }),
    ]);
  });

  it('granting access to a departed person is refused', async () => {
    const refused = await grant(runtime.endpoints, accountId, 'stf-backup-administrator');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('Departed');
    // The requests filed below name them as back-up administrator, which a leaver may not be (TN-05).
    const reinstated = await api.post(`/departures/${backupDeparture}/reinstate`, {
      as: 'hr',
      body: { reason: 'Needed by the tests that follow' },
    });
    expect(reinstated.status).toBe(200);
  });
});

describe('issue 16.3: delegation keeps the two-person rule', () => {
  let delegationId: string;

  it("a link never goes to the requester: Communications' delegate files, and Communications is asked", async () => {
    const now = Date.now();
    const given = await delegate('communications2', 'stf-director', now, now + hour);
    expect(given.status).toBe(201);
    delegationId = given.body.delegationId;
    const { link } = await fileRequest('tiktok', 'communications2@agency.example');
    const page = await (await fetch(link)).text();
    expect(page).not.toContain('on behalf of');
    expect((await decide(link, 'reject')).status).toBe(200);
  });

  it('a delegation cannot be backdated, outlast the profile, or go to a leaver', async () => {
    const now = Date.now();
    const backdated = await delegate('communications2', 'stf-director', now - 24 * hour, now + hour);
    expect(backdated.status).toBe(400);
    const tooLong = await delegate('communications2', 'stf-director', now, now + 31 * 24 * hour);
    expect(tooLong.status).toBe(400);
    const toLeaver = await delegate('communications2', 'stf-communications', now, now + hour);
    expect(toLeaver.status).toBe(409);
  });

  it('GET /delegations lists what was given and received; DELETE revokes, by the approver only', async () => {
    const mine = (await api.get('/delegations', { as: 'communications2' })).body;
    expect(mine.given).toEqual(expect.arrayContaining([expect.objectContaining({ delegationId })]));
    const theirs = (await api.get('/delegations', { as: 'director' })).body;
    expect(theirs.received).toEqual([expect.objectContaining({ delegationId, approverId: 'stf-communications2' })]);
    expect((await api.delete(`/delegations/${delegationId}`, { as: 'director' })).status).toBe(404);
    expect((await api.delete(`/delegations/${delegationId}`, { as: 'communications2' })).status).toBe(204);
    expect((await api.delete(`/delegations/${delegationId}`, { as: 'communications2' })).status).toBe(409);
    const after = (await api.get('/delegations', { as: 'communications2' })).body;
    expect(after.given.find((d: { delegationId: string }) => d.delegationId === delegationId)).toMatchObject({
      revokedBy: 'stf-communications2',
      revokedAt: expect.any(String),
    });
  });
});

describe('issue 16.4: who records a departure, and how HR corrects one', () => {
  let departureId: string;

  it("a director records their own region's departures only, HR anyone's; a second report is 409", async () => {
    const elsewhere = await depart('stf-staff3', 'otherDirector');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('TN-10');
    expect((await api.get('/me', { as: 'staff3' })).status).toBe(200);
    const reported = await depart('stf-staff3', 'director');
    expect(reported.status).toBe(202);
    departureId = reported.body.departureId;
    expect((await depart('stf-staff3', 'hr')).status).toBe(409);
  });

  it('HR reinstates a person recorded in error; nobody else may, and only once', async () => {
    const reinstate = (as: string) =>
      api.post(`/departures/${departureId}/reinstate`, { as, body: { reason: 'Reported in error' } });
    expect((await reinstate('director')).status).toBe(403);
    const done = await reinstate('hr');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'reinstated', reinstatedBy: 'stf-hr' });
    expect((await api.get('/me', { as: 'staff3' })).status).toBe(200);
    expect((await reinstate('hr')).status).toBe(409);
  });

  it("HR corrects a departure's standing (audited); nobody else may", async () => {
    const reported = await depart('stf-staff2', 'hr', 'bad');
    expect(reported.status).toBe(202);
    const correct = (as: string, standing: string) =>
      api.post(`/departures/${reported.body.departureId}/standing`, {
        as,
        body: { standing, reason: 'Resigned with notice' },
      });
    expect((await correct('director', 'good')).status).toBe(403);
    const corrected = await correct('hr', 'good');
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      standing: 'good',
      standingCorrections: [expect.objectContaining({ from: 'bad', to: 'good', by: 'stf-hr' })],
    });
    expect((await correct('hr', 'good')).status).toBe(409);
  });
});
