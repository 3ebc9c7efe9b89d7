/**
 * Account-creation approval end to end on the local runtime (tn-dcs): a director asks, DCS
 * Communications decides from an emailed link, the account appears with its About text. Every
 * refusal the approval links promise is tried here.
 */
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, approvalLinkIn, poll, waitForEmail, type Email } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { executionArnFor, executionHistory, stateTransitions } from '../support/sfn.ts';
import { countItems } from '../support/tables.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'account-approval' });
  api = apiClient(runtime.endpoints);
});
afterAll(() => runtime?.stop());

// TN-04 allows one client-contact account per region and platform, so each test names the
// platform it uses and releases it (reject, withdraw) unless it needs the account.
const requestBody = (overrides: Record<string, unknown> = {}) => ({
  platform: 'facebook',
  purpose: 'client-contact',
  region: 'smoky-mountain',
  administratorId: 'stf-administrator',
  backupAdministratorId: 'stf-backup-administrator',
  displayName: 'DCS Smoky Mountain Region',
  ...overrides,
});

/** Files a request as `as` and returns its id and the link emailed to `approverEmail`. */
async function fileRequest(
  as = 'director',
  approverEmail = 'communications@agency.example',
  overrides: Record<string, unknown> = {},
) {
  const response = await api.post('/account-requests', { as, body: requestBody(overrides) });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  const requestId = response.body.requestId as string;
  const email = await waitForEmail(
    runtime.endpoints,
    (e) =>
      e.destination.to.includes(approverEmail) &&
      e.subject.startsWith('Approve') &&
      (e.body.text ?? '').includes(`Request: ${requestId}`),
  );
  return { requestId, email, link: approvalLinkIn(email) };
}

const decideBy = (link: URL, decision: 'approve' | 'reject', comment = '', token = link.searchParams.get('token')!) =>
  api.form(link.pathname, { token, decision, comment });

const requestStatus = async (requestId: string, as = 'director') =>
  (await api.get(`/account-requests/${requestId}`, { as })).body;

describe("TN-02: a director's request, decided by DCS Communications from an emailed link", () => {
  let requestId: string;
  let link: URL;
  let email: Email;

  it('202 with a request id, and Communications is emailed a link (HTML and text, no secrets)', async () => {
    ({ requestId, link, email } = await fileRequest('director', 'communications@agency.example', {
      platform: 'facebook',
    }));
    expect(requestId).toMatch(/^req_/);
    expect(link.origin).toBe(runtime.endpoints.api);
    expect(email.body.html).toContain(link.pathname);
    expect(email.body.text).toContain('Smoky Mountain');
    expect(await requestStatus(requestId)).toMatchObject({
      status: 'pending',
      approvers: [{ role: 'communications', staffId: 'stf-communications' }],
      approvals: [],
    });
  });

  it('opening the link shows the request and changes nothing, however often (mail scanners)', async () => {
    const before = await countItems(runtime.endpoints);
    for (let i = 0; i < 3; i++) {
      const response = await fetch(link);
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain('Approve');
      expect(page).toContain('Dana Director');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(await countItems(runtime.endpoints)).toEqual(before);
    expect((await requestStatus(requestId)).status).toBe('pending');
  });

  it('a forged token is 403 and a tampered id 404, writing nothing', async () => {
    const before = await countItems(runtime.endpoints);
    const forged = await decideBy(link, 'approve', '', 'A'.repeat(43));
    expect(forged.status).toBe(403);
    const tampered = await api.form(
      link.pathname.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      { token: link.searchParams.get('token')!, decision: 'approve', comment: '' },
    );
    expect(tampered.status).toBe(404);
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });

  it('approving makes it approved and records who, role, decision, comment and time', async () => {
    const result = await decideBy(link, 'approve', 'Looks right <b>for</b> the region');
    expect(result.status).toBe(200);
    expect(result.text).toContain('You approved the request');
    expect(result.text).toContain('data-status="approved"');
    const view = await requestStatus(requestId);
    expect(view.status).toBe('approved');
    expect(view.approvals).toEqual([
      {
        role: 'communications',
        approverId: 'stf-communications',
        decision: 'approve',
        decidedAt: expect.any(String),
        comment: 'Looks right <b>for</b> the region',
      },
    ]);
    expect(view.approvers).toEqual([
      { role: 'communications', staffId: 'stf-communications', rules: ['TN-02'], decision: 'approve' },
    ]);
  });

  it('a replay of the used link is 409', async () => {
    expect((await decideBy(link, 'reject')).status).toBe(409);
    expect((await fetch(link)).status).toBe(409);
  });

  it('TN-05, TN-15: the account exists with administrators, directors and the generated About text', async () => {
    const accountId = await poll(
      'the account',
      async () => (await requestStatus(requestId)).accountId as string | undefined,
    );
    const { status, body: account } = await api.get(`/accounts/${accountId}`, { as: 'staff' });
    expect(status).toBe(200);
    expect(account).toMatchObject({
      accountId,
      status: 'active',
      platform: 'facebook',
      region: 'smoky-mountain',
      administratorId: 'stf-administrator',
      backupAdministratorId: 'stf-backup-administrator',
      lastRotatedAt: null,
    });
    expect(account.directorIds).toContain('stf-director');
    expect(account.aboutText).toContain('DCS Smoky Mountain Region');
    expect(account.aboutText).toContain('1-877-237-0004');
    expect(account.aboutText).toContain('Sevier County Office');
    // TN-15: the seed's words, bracketed fields filled, including the "Intro:" line and the fax.
    expect(account.aboutText).toContain(
      'Sevier County Office, 100 Parkway, Sevierville, TN 37862, Phone 865-555-0100, Fax 865-555-0101',
    );
    expect(account.aboutText).toContain('request an on call Team Leader from Smoky Mountain to contact you.');
    expect(account.aboutText).toMatch(/\nIntro: This account is managed by the DCS Smoky Mountain$/);
    expect(account.aboutText).not.toMatch(/\{\w+\}|\(insert/i);
    expect(Date.parse(account.nextRotationDue) - Date.parse(account.approvedAt)).toBeGreaterThan(29 * 86_400_000);
    const listed = await api.get('/accounts', { as: 'director' });
    expect(listed.body.items.map((a: { accountId: string }) => a.accountId)).toContain(accountId);
    expect((await api.get(`/accounts/${accountId}`, { as: 'otherDirector' })).status).toBe(403);
  });

  it('TN-08: the account keeps the terms it was approved under: no friends, no changes, a change an incident', async () => {
    const { accountId } = await requestStatus(requestId);
    const { body: account } = await api.get(`/accounts/${accountId}`, { as: 'staff' });
    expect(account.terms).toEqual([
      {
        rule: 'TN-08',
        term: expect.stringMatching(/^Add no friends and change nothing else on the account.*incident/),
      },
    ]);
  });

  it('a credential secret exists for it, tagged with the TN-09 rotation interval', async () => {
    const accountId = (await requestStatus(requestId)).accountId as string;
    const client = new SecretsManagerClient({
      endpoint: runtime.endpoints.aws.secretsmanager,
      region: runtime.endpoints.region,
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    const secret = await client.send(
      new DescribeSecretCommand({ SecretId: `official-accounts/accounts/${accountId}` }),
    );
    expect(secret.Tags).toEqual(expect.arrayContaining([{ Key: 'official-accounts:rotation-days', Value: '30' }]));
    client.destroy();
  });

  it('the requester and both administrators are emailed what to do next (no friends, no changes: TN-08, DC-06, NJ-08), without any password', async () => {
    const approved = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject.startsWith('Approved:') && (e.body.text ?? '').includes(requestId.replace('req_', 'acc_')),
    );
    expect(approved.destination.to).toEqual(
      expect.arrayContaining([
        'director@agency.example',
        'administrator@agency.example',
        'backupadministrator@agency.example',
      ]),
    );
    expect(approved.body.text).toContain('About text:');
    expect(approved.body.text).toContain('Add no friends and change nothing else on the account');
    expect(approved.body.text).toMatch(/\d\. Add no friends .* as an incident\. \(TN-08\)/);
    expect(approved.body.text).not.toMatch(/password:/i);
  });

  it('the execution took few state transitions (goal <= 15)', async () => {
    const events = await executionHistory(
      runtime.endpoints,
      executionArnFor(runtime.endpoints, 'AccountApproval', requestId),
    );
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(stateTransitions(events)).toBeLessThanOrEqual(15);
  });
});

describe('refusals at request time, naming the rule and writing nothing', () => {
  it.each([
    ['staff', { platform: 'instagram' }, 403, 'TN-02'],
    ['otherDirector', { platform: 'instagram' }, 403, 'TN-02'],
    ['director', { platform: 'myspace' }, 422, 'TN-03'],
    ['director', { purpose: 'news' }, 422, 'TN-04'],
    ['director', { backupAdministratorId: 'stf-administrator' }, 422, 'TN-05'],
    ['director', { administratorId: 'stf-other-director' }, 422, 'TN-05'],
  ])('%s with %j is %i %s', async (as, overrides, status, rule) => {
    const before = await countItems(runtime.endpoints);
    const response = await api.post('/account-requests', { as, body: requestBody(overrides) });
    expect(response.status).toBe(status);
    if (status === 422) expect(response.body.error.code).toBe(rule);
    else expect(response.body.error.message).toMatch(/roles|region/);
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });

  it('TN-04: a second client-contact account for the same region and platform is refused', async () => {
    const first = await fileRequest('designee', 'communications@agency.example', { platform: 'linkedin' });
    const before = await countItems(runtime.endpoints);
    const second = await api.post('/account-requests', { as: 'director', body: requestBody({ platform: 'linkedin' }) });
    expect(second.status).toBe(422);
    expect(second.body.error.code).toBe('TN-04');
    expect(await countItems(runtime.endpoints)).toEqual(before);
    // Once the first is rejected the region may ask again.
    expect((await decideBy(first.link, 'reject', 'Use the existing page')).status).toBe(200);
    await poll('rejection', async () => (await requestStatus(first.requestId, 'designee')).status === 'rejected');
    const third = await api.post('/account-requests', { as: 'director', body: requestBody({ platform: 'linkedin' }) });
    expect(third.status).toBe(202);
  });
});

describe('TN-15: the prescribed About text needs every bracketed field', () => {
  it('a region office without a fax refuses the request with 422 TN-15, writing nothing', async () => {
    const regions = (await api.get('/regions', { as: 'systemAdmin' })).body.regions as {
      regionId: string;
      name: string;
      offices: Record<string, string>[];
    }[];
    const home = regions.find((r) => r.regionId === 'smoky-mountain')!;
    const withoutFax = home.offices.map(({ fax, ...office }) =>
      office.officeId === 'blount' ? office : { ...office, fax },
    );
    const put = (offices: unknown) =>
      api.put('/regions/smoky-mountain', { as: 'systemAdmin', body: { name: home.name, offices } });
    expect((await put(withoutFax)).status).toBe(200);
    try {
      const before = await countItems(runtime.endpoints);
      const refused = await api.post('/account-requests', { as: 'director', body: requestBody({ platform: 'x' }) });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('TN-15');
      expect(refused.body.error.details).toEqual([{ field: 'offices.blount.fax', message: 'empty fax' }]);
      expect(await countItems(runtime.endpoints)).toEqual(before);
    } finally {
      expect((await put(home.offices)).status).toBe(200);
    }
  });
});

describe('rejection, withdrawal and who may see a request', () => {
  it('a rejection emails the requester the reason', async () => {
    const { requestId, link } = await fileRequest('director', 'communications@agency.example', { platform: 'tiktok' });
    expect((await decideBy(link, 'reject', 'Tiktok is not approved for client contact yet')).status).toBe(200);
    const email = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject.startsWith('Account request rejected') && (e.body.text ?? '').includes(requestId),
    );
    expect(email.destination.to).toEqual(['director@agency.example']);
    expect(email.body.text).toContain('Tiktok is not approved for client contact yet');
    expect(await requestStatus(requestId)).toMatchObject({ status: 'rejected', approvals: [{ decision: 'reject' }] });
  });

  it('the requester withdraws; the link then refuses (409) and the approver hears of it', async () => {
    const { requestId, link } = await fileRequest('director', 'communications@agency.example', { platform: 'x' });
    expect((await api.post(`/account-requests/${requestId}/withdraw`, { as: 'designee', body: {} })).status).toBe(403);
    expect(
      (await api.post(`/account-requests/${requestId}/withdraw`, { as: 'director', body: { reason: 'Filed twice' } }))
        .status,
    ).toBe(202);
    expect((await requestStatus(requestId)).status).toBe('withdrawn');
    expect((await decideBy(link, 'approve')).status).toBe(409);
    expect((await api.post(`/account-requests/${requestId}/withdraw`, { as: 'director', body: {} })).status).toBe(409);
    const email = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject.startsWith('Account request withdrawn') && (e.body.text ?? '').includes(requestId),
    );
    expect(email.destination.to).toEqual(
      expect.arrayContaining(['director@agency.example', 'communications@agency.example']),
    );
  });

  it('only the requester, the approvers and operations may read a request', async () => {
    const { requestId, link } = await fileRequest('director', 'communications@agency.example', {
      platform: 'instagram',
    });
    expect((await api.get(`/account-requests/${requestId}`, { as: 'communications' })).status).toBe(200);
    expect((await api.get(`/account-requests/${requestId}`, { as: 'operations' })).status).toBe(200);
    expect((await api.get(`/account-requests/${requestId}`, { as: 'staff' })).status).toBe(403);
    expect((await api.get('/account-requests/req_AAAAAAAAAAAAAAAAAAAAAA', { as: 'director' })).status).toBe(404);
    await decideBy(link, 'reject', 'cleanup');
  });

  it('concurrent decisions on one link: exactly one wins', async () => {
    const { requestId, link } = await fileRequest('designee', 'communications@agency.example', { platform: 'tiktok' });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => decideBy(link, i % 2 ? 'approve' : 'reject', `racer ${i}`)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    expect((await requestStatus(requestId, 'operations')).approvals).toHaveLength(1);
  });
});

describe('delegation', () => {
  it('links go to the delegate, whose decision records both people', async () => {
    const now = Date.now();
    const delegation = await api.post('/delegations', {
      as: 'communications',
      body: {
        delegateId: 'stf-communications2',
        from: new Date(now - 60_000).toISOString(),
        to: new Date(now + 3_600_000).toISOString(),
      },
    });
    expect(delegation.status).toBe(201);
    expect(
      (
        await api.post('/delegations', {
          as: 'staff',
          body: { delegateId: 'stf-staff2', from: new Date(now).toISOString(), to: new Date(now + 1000).toISOString() },
        })
      ).status,
    ).toBe(403);
    const { requestId, link, email } = await fileRequest('director', 'communications2@agency.example', {
      platform: 'x',
    });
    expect(email.body.text).toContain('on behalf of Casey Communications');
    const page = await (await fetch(link)).text();
    expect(page).toContain('on behalf of Casey Communications');
    expect((await decideBy(link, 'approve', 'Approved while Casey is away')).status).toBe(200);
    expect((await requestStatus(requestId)).approvals).toEqual([
      expect.objectContaining({
        approverId: 'stf-communications2',
        onBehalfOf: 'stf-communications',
        role: 'communications',
        decision: 'approve',
      }),
    ]);
  });
});
