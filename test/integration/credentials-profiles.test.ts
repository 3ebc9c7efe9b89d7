/**
 * Credential rules that depend on the profile: NJ-02's two grants per office (also under
 * concurrency) and NJ-05's supervisors, who reveal without a grant and are told of every change and
 * incident, with rotation reminders and escalation run through wait overrides; CT-08's HR
 * acknowledgment from everyone who uses an account, CT-09's training on it, and CT-12's no reuse of
 * user ids or passwords, alone and combined with tn-dcs (issue 17.2, 17.11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount, approvedGrant, grant } from '../support/accounts.ts';
import { apiClient, approvalLinkIn, poll, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { countItems } from '../support/tables.ts';

const credential = (password: string) => ({ username: 'agency.region', password });

describe('nj-dcf', () => {
  let runtime: TestRuntime;
  let api: ReturnType<typeof apiClient>;
  let accountId: string;

  beforeAll(async () => {
    const overrides = { CredentialRotation: { WaitToRemind: 800, WaitToEscalate: 800 } };
    runtime = await startRuntime({
      name: 'credentials-nj',
      profile: 'nj-dcf',
      extraArgs: ['--wait-overrides', JSON.stringify(overrides)],
    });
    api = apiClient(runtime.endpoints);
    accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
    expect(
      (
        await api.put(`/accounts/${accountId}/credential`, {
          as: 'administrator',
          body: credential('Nj-Initial-Password-91x!'),
        })
      ).status,
    ).toBe(201);
  });
  afterAll(() => runtime?.stop());

  it('NJ-02 refuses a third person in one office, and writes nothing', async () => {
    // Issue 17.1: each person is a request (202) until the CP&P Director and the Director of IT approved.
    expect((await approvedGrant(runtime.endpoints, accountId, 'stf-staff')).status).toBe(202);
    const device = { device: 'DCF-IPHONE-0042' };
    expect((await approvedGrant(runtime.endpoints, accountId, 'stf-staff2', { body: device })).status).toBe(202);
    const before = await countItems(runtime.endpoints);
    const third = await approvedGrant(runtime.endpoints, accountId, 'stf-staff3');
    expect(third.status).toBe(422);
    expect(third.body.error.code).toBe('NJ-02');
    expect(await countItems(runtime.endpoints)).toEqual(before);
    // Asking again for someone who holds access is not a third person: it is refused as a duplicate.
    expect((await approvedGrant(runtime.endpoints, accountId, 'stf-staff2')).status).toBe(409);
    // NJ-10: the department device is recorded.
    const grants = (await api.get(`/accounts/${accountId}/grants`, { as: 'director' })).body.items;
    expect(grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ staffId: 'stf-staff2', device: 'DCF-IPHONE-0042', state: 'in-force' }),
      ]),
    );
  });

  it('NJ-02 holds under concurrency: of two requests racing for the last place, exactly one wins', async () => {
    expect((await api.delete(`/accounts/${accountId}/grants/stf-staff2`, { as: 'director' })).status).toBe(204);
    const results = await Promise.all(
      ['stf-staff2', 'stf-staff3', 'stf-staff2', 'stf-staff3'].map((staffId) =>
        api.post(`/accounts/${accountId}/grants`, { as: 'officeManager', body: { staffId } }),
      ),
    );
    const winners = new Set(results.filter((r) => r.status === 202).map((r) => r.body.staffId));
    expect(winners.size).toBe(1);
    expect(results.filter((r) => r.status !== 202).every((r) => r.status === 422 || r.status === 409)).toBe(true);
    // The winner waits for its approvers; approved, it is the office's second person in force.
    const [winner] = [...winners] as string[];
    const requestId = results.find((r) => r.status === 202)!.body.requestId as string;
    for (const to of ['programdirector@agency.example', 'itdirector@agency.example']) {
      const link = approvalLinkIn(
        await waitForEmail(
          runtime.endpoints,
          (e) => e.destination.to.includes(to) && (e.body.text ?? '').includes(`Grant request: ${requestId}`),
        ),
      );
      await api.form(link.pathname, { token: link.searchParams.get('token')!, decision: 'approve', comment: '' });
    }
    const active = (await api.get(`/accounts/${accountId}/grants`, { as: 'director' })).body.items.filter(
      (g: { active: boolean }) => g.active,
    );
    expect(active.map((g: { staffId: string }) => g.staffId).sort()).toEqual(['stf-staff', winner].sort());
  });

  it('NJ-05: a rotation reminds, escalates to the director when overdue, and tells the supervisors when done', async () => {
    const { body } = await api.post(`/accounts/${accountId}/rotations`, { as: 'administrator', body: {} });
    const rotationId = body.rotationId as string;
    await waitForEmail(runtime.endpoints, (e) => e.subject.startsWith('Reminder: Change the password'));
    const overdue = await waitForEmail(runtime.endpoints, (e) => e.subject.startsWith('Overdue password change'));
    expect(overdue.destination.to).toContain('director@agency.example');
    await poll(
      'pending',
      async () =>
        (await api.get(`/accounts/${accountId}/credential?version=pending`, { as: 'administrator' })).status === 200,
    );
    expect(
      (await api.post(`/accounts/${accountId}/rotations/${rotationId}/confirm`, { as: 'administrator' })).status,
    ).toBe(200);
    const notice = await waitForEmail(runtime.endpoints, (e) => e.subject.startsWith('Password changed'));
    expect(notice.destination.to).toContain('supervisor@agency.example');
  });

  it('NJ-05: a supervisor of the region reveals the password without a grant, and the reveal is audited on the rule', async () => {
    const revealed = await api.get(`/accounts/${accountId}/credential`, { as: 'supervisor' });
    expect(revealed.status).toBe(200);
    expect(revealed.body.password).toEqual(expect.any(String));
    const trail = (await api.get(`/accounts/${accountId}/audit`, { as: 'director' })).body.items as Array<{
      action: string;
      actorId: string;
      details?: Record<string, unknown>;
    }>;
    // Newest first (issue 19.3): the latest reveal is the first found.
    const reveal = trail.find((e) => e.action === 'credential.revealed' && e.actorId === 'stf-supervisor');
    expect(reveal?.details).toMatchObject({ as: 'supervisor', rule: 'NJ-05' });
    // A grant holder's reveal rests on the grant, not on NJ-05.
    expect((await api.get(`/accounts/${accountId}/credential`, { as: 'staff' })).status).toBe(200);
  });

  it('NJ-05: every incident on the account, not only a compromise, reaches the supervisors at once', async () => {
    const reported = await api.post('/incidents', {
      as: 'staff',
      body: {
        accountId,
        type: 'other',
        description: 'a post nobody on the team made',
        observedAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    expect(reported.status).toBe(202);
    const incidentId = reported.body.incidentId as string;
    const email = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject.startsWith('Incident') && (e.body.text ?? '').includes(incidentId),
    );
    expect(email.destination.to).toContain('supervisor@agency.example');
  });
});

/** HR records a person's acknowledgment, with the training date CT-09 asks for. */
const acknowledge = (api: ReturnType<typeof apiClient>, staffId: string) =>
  api.post(`/staff/${staffId}/acknowledgments`, {
    as: 'hr',
    body: {
      acknowledgedAt: new Date().toISOString(),
      trainingCompletedAt: new Date(Date.now() - 86_400_000).toISOString(),
    },
  });

describe('ct-dcf', () => {
  let runtime: TestRuntime;
  let api: ReturnType<typeof apiClient>;
  let first: string;
  let second: string;
  let third: string;
  let fourth: string;

  beforeAll(async () => {
    runtime = await startRuntime({ name: 'credentials-ct', profile: 'ct-dcf' });
    api = apiClient(runtime.endpoints);
    first = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
    second = await approvedAccount(runtime.endpoints, { platform: 'instagram' });
    third = await approvedAccount(runtime.endpoints, { platform: 'x' });
    fourth = await approvedAccount(runtime.endpoints, { platform: 'linkedin' });
  });
  afterAll(() => runtime?.stop());

  it('CT-08 refuses a grant until HR has the acknowledgment (and CT-09 training) on record', async () => {
    const refused = await grant(runtime.endpoints, first, 'stf-staff');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('CT-08');
    expect(
      (
        await api.post('/staff/stf-staff/acknowledgments', {
          as: 'director',
          body: { acknowledgedAt: new Date().toISOString(), trainingCompletedAt: new Date().toISOString() },
        })
      ).status,
    ).toBe(403);
    const recorded = await api.post('/staff/stf-staff/acknowledgments', {
      as: 'hr',
      body: {
        acknowledgedAt: new Date().toISOString(),
        trainingCompletedAt: new Date().toISOString(),
        documentId: 'HR-2026-0042',
      },
    });
    expect(recorded.status).toBe(201);
    expect((await grant(runtime.endpoints, first, 'stf-staff')).status).toBe(201);
  });

  it('the acknowledgment names the terms acknowledged (CT-04, CT-05, CT-09, CT-11, CT-13) and requires the training date', async () => {
    const before = await countItems(runtime.endpoints);
    const untrained = await api.post('/staff/stf-staff2/acknowledgments', {
      as: 'hr',
      body: { acknowledgedAt: new Date().toISOString() },
    });
    expect(untrained.status).toBe(400);
    const ahead = await api.post('/staff/stf-staff2/acknowledgments', {
      as: 'hr',
      body: {
        acknowledgedAt: new Date().toISOString(),
        trainingCompletedAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    });
    expect(ahead.status).toBe(400);
    expect(ahead.body.error.details).toEqual([{ field: 'body.trainingCompletedAt', message: 'in the future' }]);
    expect(await countItems(runtime.endpoints)).toEqual(before);

    const trainedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const recorded = await api.post('/staff/stf-staff2/acknowledgments', {
      as: 'hr',
      body: { acknowledgedAt: new Date().toISOString(), trainingCompletedAt: trainedAt, documentId: 'HR-2026-0043' },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      staffId: 'stf-staff2',
      trainingCompletedAt: trainedAt,
      profile: 'ct-dcf',
      recordedBy: 'stf-hr',
    });
    expect(recorded.body.terms.map((term: { rule: string }) => term.rule)).toEqual([
      'CT-04',
      'CT-05',
      'CT-09',
      'CT-11',
      'CT-13',
    ]);
    expect(recorded.body.terms).toContainEqual({
      rule: 'CT-05',
      wording: "No friending clients from personal accounts without a manager's written permission.",
    });
  });

  it('CT-08 applies to everyone who uses an account: the administrator storing it, directors and supervisors revealing it', async () => {
    const login = credential('Shared-Password-Never-Twice-1!');
    const before = await countItems(runtime.endpoints);
    const unacknowledged = await api.put(`/accounts/${first}/credential`, { as: 'administrator', body: login });
    expect(unacknowledged.status).toBe(403);
    expect(unacknowledged.body.error.code).toBe('CT-08');
    expect(unacknowledged.text).not.toContain('Shared-Password');
    expect(await countItems(runtime.endpoints)).toEqual(before);
    expect((await acknowledge(api, 'stf-administrator')).status).toBe(201);
    expect((await api.put(`/accounts/${first}/credential`, { as: 'administrator', body: login })).status).toBe(201);
    expect((await api.get(`/accounts/${first}/credential`, { as: 'administrator' })).status).toBe(200);
    expect((await api.get(`/accounts/${first}/credential`, { as: 'staff' })).status).toBe(200);

    const director = await api.get(`/accounts/${first}/credential`, { as: 'director' });
    expect(director.status).toBe(403);
    expect(director.body.error.code).toBe('CT-08');
    expect(director.text).not.toContain('Shared-Password');
    expect((await acknowledge(api, 'stf-director')).status).toBe(201);
    expect((await api.get(`/accounts/${first}/credential`, { as: 'director' })).status).toBe(200);

    // Not NJ-05: a Connecticut supervisor needs a grant (TN-07), and the grant needs the acknowledgment.
    const supervisor = await api.get(`/accounts/${first}/credential`, { as: 'supervisor' });
    expect(supervisor.body.error.code).toBe('TN-07');
    expect((await grant(runtime.endpoints, first, 'stf-supervisor')).body.error.code).toBe('CT-08');
    expect((await acknowledge(api, 'stf-supervisor')).status).toBe(201);
    expect((await grant(runtime.endpoints, first, 'stf-supervisor')).status).toBe(201);
    expect((await api.get(`/accounts/${first}/credential`, { as: 'supervisor' })).status).toBe(200);
  });

  it('CT-12 refuses a password another account uses, without writing anything', async () => {
    const before = await countItems(runtime.endpoints);
    const reused = await api.put(`/accounts/${second}/credential`, {
      as: 'administrator',
      body: { username: 'second.region', password: 'Shared-Password-Never-Twice-1!' },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('CT-12');
    expect(reused.body.error.details).toEqual([{ field: 'password', message: 'reused' }]);
    expect(reused.text).not.toContain('Shared-Password');
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });

  it('CT-12 refuses a user id another account uses, however it is written, without writing anything', async () => {
    const before = await countItems(runtime.endpoints);
    for (const username of ['agency.region', ' Agency.Region ']) {
      const reused = await api.put(`/accounts/${second}/credential`, {
        as: 'administrator',
        body: { username, password: 'A-Different-Password-22!' },
      });
      expect(reused.status).toBe(422);
      expect(reused.body.error.code).toBe('CT-12');
      expect(reused.body.error.details).toEqual([{ field: 'username', message: 'reused' }]);
      expect(reused.text).not.toContain('A-Different-Password');
    }
    expect(await countItems(runtime.endpoints)).toEqual(before);
    expect(
      (
        await api.put(`/accounts/${second}/credential`, {
          as: 'administrator',
          body: { username: 'second.region', password: 'A-Different-Password-22!' },
        })
      ).status,
    ).toBe(201);
  });

  it('CT-12 holds under concurrency: of two accounts stored at once with one user id, exactly one gets it', async () => {
    const results = await Promise.all(
      [third, fourth].map((accountId, index) =>
        api.put(`/accounts/${accountId}/credential`, {
          as: 'administrator',
          body: { username: 'racing.region', password: `Racing-Password-${index}-Unique!` },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.status === 422)?.body.error.code).toBe('CT-12');
  });
});

describe('ct-dcf+tn-dcs', () => {
  let runtime: TestRuntime;
  let api: ReturnType<typeof apiClient>;
  let first: string;
  let second: string;

  beforeAll(async () => {
    runtime = await startRuntime({ name: 'credentials-ct-tn', profile: 'ct-dcf+tn-dcs' });
    api = apiClient(runtime.endpoints);
    first = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
    second = await approvedAccount(runtime.endpoints, { platform: 'instagram' });
    expect((await acknowledge(api, 'stf-administrator')).status).toBe(201);
  });
  afterAll(() => runtime?.stop());

  it('CT-12 holds in the combination: a user id or password of another account is refused', async () => {
    const stored = await api.put(`/accounts/${first}/credential`, {
      as: 'administrator',
      body: credential('Combined-Password-Once-3!'),
    });
    expect(stored.status).toBe(201);
    const before = await countItems(runtime.endpoints);
    const sameUser = await api.put(`/accounts/${second}/credential`, {
      as: 'administrator',
      body: credential('Combined-Password-Other-4!'),
    });
    expect(sameUser.status).toBe(422);
    expect(sameUser.body.error.code).toBe('CT-12');
    const samePassword = await api.put(`/accounts/${second}/credential`, {
      as: 'administrator',
      body: { username: 'other.region', password: 'Combined-Password-Once-3!' },
    });
    expect(samePassword.status).toBe(422);
    expect(samePassword.body.error.code).toBe('CT-12');
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });

  it('TN-07 with CT-08 in the combination: a supervisor needs a grant, not only the acknowledgment', async () => {
    expect((await acknowledge(api, 'stf-supervisor')).status).toBe(201);
    const refused = await api.get(`/accounts/${first}/credential`, { as: 'supervisor' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('TN-07');
  });
});
