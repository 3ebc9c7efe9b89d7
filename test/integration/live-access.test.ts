/**
 * Access decided from the directory as it is now (issue 16): the directors of an account's region,
 * its administrators and a case system's regions are read at each request, not copied at approval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../../local/personas.ts';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { markDirectoryDeparted, putDirectoryEntry } from '../support/tables.ts';
import { validToken } from '../support/tokens.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let accountId: string;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'live-access' });
  api = apiClient(runtime.endpoints);
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
  const body = { username: 'dcs.smoky.live', password: 'Live-Access-Password-9q!Zr', twoFactorSecret: 'JBSW-live' };
  expect((await api.put(`/accounts/${accountId}/credential`, { as: 'administrator', body })).status).toBe(201);
});
afterAll(() => runtime?.stop());

const reveal = (as: string) => api.get(`/accounts/${accountId}/credential`, { as });
/** Rewrites a persona's directory record, as the identity provider's next sync would. */
const update = (persona: string, changes: Partial<(typeof personas)[string]>) =>
  putDirectoryEntry(runtime.endpoints, { ...personas[persona]!, ...changes });

describe('issue 16.6: directors of the region, from the live directory (TN-05, TN-07)', () => {
  it('a director demoted after approval no longer reveals; restored, they do again', async () => {
    expect((await reveal('director')).status).toBe(200);
    await update('director', { roles: ['staff'] });
    const refused = await reveal('director');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('TN-07');
    await update('director', {});
    expect((await reveal('director')).status).toBe(200);
  });

  it('a director who joined the region after approval reveals; one who left it does not', async () => {
    expect((await reveal('otherDirector')).status).toBe(403);
    await update('otherDirector', { region: 'smoky-mountain', office: 'sevier' });
    expect((await reveal('otherDirector')).status).toBe(200);
    await update('otherDirector', {});
    expect((await reveal('otherDirector')).status).toBe(403);
  });
});

describe('issue 16.6: administrators hold the administrator role now (TN-05, TN-09)', () => {
  it('a designated administrator who lost the role sees no secret and starts no rotation', async () => {
    await update('backupAdministrator', { roles: ['staff'] });
    const refused = await reveal('backupAdministrator');
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('JBSW-live');
    expect((await api.post(`/accounts/${accountId}/rotations`, { as: 'backupAdministrator', body: {} })).status).toBe(
      403,
    );
    await update('backupAdministrator', {});
    expect((await reveal('backupAdministrator')).body.twoFactorSecret).toBe('JBSW-live');
  });
});

describe('issue 16.6: nobody grants access to themselves', () => {
  it('a director granting themselves is refused and nothing is granted', async () => {
    const refused = await api.post(`/accounts/${accountId}/grants`, {
      as: 'director',
      body: { staffId: 'stf-director' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SelfGrant');
    const grants = (await api.get(`/accounts/${accountId}/grants`, { as: 'director' })).body.items;
    expect(grants.map((g: { staffId: string }) => g.staffId)).not.toContain('stf-director');
  });
});

describe('issue 16.6: the two administrators named in a request', () => {
  const request = (as: string, overrides: Record<string, string>) =>
    api.post('/account-requests', {
      as,
      body: {
        platform: 'instagram',
        purpose: 'client-contact',
        region: 'smoky-mountain',
        administratorId: 'stf-administrator',
        backupAdministratorId: 'stf-backup-administrator',
        ...overrides,
      },
    });

  it('TN-05: each must hold the administrator role', async () => {
    const response = await request('director', { backupAdministratorId: 'stf-staff' });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('TN-05');
    expect(response.body.error.details).toEqual([
      expect.objectContaining({ field: 'backupAdministratorId', message: 'not an administrator' }),
    ]);
  });

  it('the requester may not name themselves, even holding the administrator role', async () => {
    await update('director', { roles: ['director', 'administrator'] });
    const response = await request('director', { administratorId: 'stf-director' }).finally(() =>
      update('director', {}),
    );
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('SelfAppointment');
  });

  it('TN-05: a departed administrator is refused', async () => {
    await putDirectoryEntry(runtime.endpoints, {
      staffId: 'stf-gone-administrator',
      name: 'Gale Gone',
      email: 'gone@agency.example',
      roles: ['administrator'],
      region: 'smoky-mountain',
      office: 'sevier',
    });
    await markDirectoryDeparted(runtime.endpoints, 'stf-gone-administrator');
    const response = await request('director', { administratorId: 'stf-gone-administrator' });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('TN-05');
  });
});

describe('issue 16.7: a case system reads and writes only the regions it serves', () => {
  let knoxToken: string;
  const contact = (overrides: Record<string, unknown> = {}) => ({
    caseId: 'case-live-access',
    accountId,
    workerId: 'stf-staff',
    workerName: 'Sky Caseworker',
    workerContact: { email: 'sky.caseworker@agency.example' },
    recipient: { handle: 'facebook.com/jamie.r', verified: true },
    channel: 'private-message',
    direction: 'outbound',
    purpose: 'diligent-search',
    messageKind: 'conversation',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    summary: 'Talked with the mother about a visit.',
    ...overrides,
  });

  beforeAll(async () => {
    expect((await grant(runtime.endpoints, accountId, 'stf-staff')).status).toBe(201);
    await putDirectoryEntry(runtime.endpoints, {
      staffId: 'cs-knox',
      name: 'Knox Case System',
      email: 'cs-knox@agency.example',
      roles: ['case-system'],
      region: 'knox',
      office: 'knox-central',
      kind: 'client',
      regions: ['knox'],
    });
    knoxToken = await validToken(runtime.endpoints, runtime.dataDir, 'cs-knox');
    expect((await api.post('/contacts', { as: 'caseSystem', body: contact() })).status).toBe(201);
  });

  it('refuses a record for an account of another region', async () => {
    const response = await api.post('/contacts', { token: knoxToken, body: contact() });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('CaseSystemRegion');
  });

  it('refuses to list or export an account of another region', async () => {
    expect((await api.get(`/contacts?accountId=${accountId}`, { token: knoxToken })).status).toBe(403);
    expect((await api.get(`/contacts/export?accountId=${accountId}`, { token: knoxToken })).status).toBe(403);
  });

  it("shows a case's records only where their account is of a region it serves", async () => {
    const own = await api.get('/contacts?caseId=case-live-access', { as: 'caseSystem' });
    expect(own.body.items).toHaveLength(1);
    const other = await api.get('/contacts?caseId=case-live-access', { token: knoxToken });
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
    const exported = await api.get('/contacts/export?caseId=case-live-access', { token: knoxToken });
    expect(exported.status).toBe(200);
    expect(exported.text).not.toContain('case-live-access');
    const byWorker = await api.get('/contacts?workerId=stf-staff', { token: knoxToken });
    expect(byWorker.body.items).toEqual([]);
  });
});
