/**
 * Credential rules that depend on the profile: NJ-02's two grants per office (also under
 * concurrency) and NJ-05's supervisors told of every change, with rotation reminders and
 * escalation run through wait overrides; CT-08's HR acknowledgment and CT-12's no reuse.
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
});

describe('ct-dcf', () => {
  let runtime: TestRuntime;
  let api: ReturnType<typeof apiClient>;
  let first: string;
  let second: string;

  beforeAll(async () => {
    runtime = await startRuntime({ name: 'credentials-ct', profile: 'ct-dcf' });
    api = apiClient(runtime.endpoints);
    first = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
    second = await approvedAccount(runtime.endpoints, { platform: 'instagram' });
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
          body: { acknowledgedAt: new Date().toISOString() },
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

  it('CT-12 refuses a password another account uses, without writing anything', async () => {
    expect(
      (
        await api.put(`/accounts/${first}/credential`, {
          as: 'administrator',
          body: credential('Shared-Password-Never-Twice-1!'),
        })
      ).status,
    ).toBe(201);
    const before = await countItems(runtime.endpoints);
    const reused = await api.put(`/accounts/${second}/credential`, {
      as: 'administrator',
      body: credential('Shared-Password-Never-Twice-1!'),
    });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('CT-12');
    expect(reused.text).not.toContain('Shared-Password');
    expect(await countItems(runtime.endpoints)).toEqual(before);
    expect(
      (
        await api.put(`/accounts/${second}/credential`, {
          as: 'administrator',
          body: credential('A-Different-Password-22!'),
        })
      ).status,
    ).toBe(201);
  });
});
