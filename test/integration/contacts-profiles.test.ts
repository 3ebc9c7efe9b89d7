/**
 * Contact-record rules that only some profiles put in force, each proven on a runtime running that
 * profile: NJ-01, NJ-06 and NJ-07 on nj-dcf; DC-03, DC-04, DC-07 and DC-08 on dc-cfsa, with TN-04 (a
 * public-information account, which only dc-cfsa approves) and DC-05's record (issue 17.5, 17.8). Each
 * refusal is 422 with the rule id and writes nothing; each record that meets the rule is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount, approvedGrant, grant } from '../support/accounts.ts';
import { apiClient } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { countItems } from '../support/tables.ts';

const contact = (accountId: string, overrides: Record<string, unknown> = {}) => ({
  caseId: 'case-profile',
  accountId,
  workerId: 'stf-staff',
  workerName: 'Sky Caseworker',
  workerContact: { phone: '865-555-0142' },
  recipient: { handle: 'facebook.com/jamie.r', verified: true },
  channel: 'private-message',
  direction: 'outbound',
  purpose: 'diligent-search',
  messageKind: 'conversation',
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  ...overrides,
});

/** Posts as the case system and expects a 422 citing `rule` on `field`, with nothing written. */
async function expectRefusal(runtime: TestRuntime, body: unknown, rule: string, field: string): Promise<void> {
  const before = await countItems(runtime.endpoints);
  const response = await apiClient(runtime.endpoints).post('/contacts', { as: 'caseSystem', body });
  expect(response.status, JSON.stringify(response.body)).toBe(422);
  expect(response.body.error.code).toBe(rule);
  expect(response.body.error.details).toContainEqual({ field, message: expect.stringContaining(rule) });
  expect(await countItems(runtime.endpoints)).toEqual(before);
}

describe('nj-dcf', () => {
  let runtime: TestRuntime;
  let accountId: string;
  const lastResortReason = 'Letters returned undeliverable; no working telephone on file.';

  beforeAll(async () => {
    runtime = await startRuntime({ name: 'contacts-nj', profile: 'nj-dcf' });
    accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
    // Issue 17.1: the grant is a request (202) until the CP&P Director and the Director of IT approved it.
    expect((await approvedGrant(runtime.endpoints, accountId, 'stf-staff')).status).toBe(202);
  });
  afterAll(() => runtime?.stop());

  it('NJ-01: an account that is not a registered official account is refused, citing NJ-01', async () => {
    await expectRefusal(runtime, contact('acc_personal-page', { lastResortReason }), 'NJ-01', 'body.accountId');
  });

  it('NJ-06: a record without the reason other means failed is refused', async () => {
    await expectRefusal(runtime, contact(accountId), 'NJ-06', 'body.lastResortReason');
    await expectRefusal(runtime, contact(accountId, { lastResortReason: '  ' }), 'NJ-06', 'body.lastResortReason');
  });

  it('NJ-07: a public comment without a reason is refused; with one it is recorded', async () => {
    await expectRefusal(
      runtime,
      contact(accountId, { lastResortReason, channel: 'public-comment' }),
      'NJ-07',
      'body.publicChannelReason',
    );
    const response = await apiClient(runtime.endpoints).post('/contacts', {
      as: 'caseSystem',
      body: contact(accountId, {
        lastResortReason,
        channel: 'public-comment',
        publicChannelReason: 'The parent blocks private messages from unknown accounts.',
      }),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });

  it('NJ-06: a private message with the reason is recorded, retained under the nj-dcf schedule', async () => {
    const api = apiClient(runtime.endpoints);
    const response = await api.post('/contacts', {
      as: 'caseSystem',
      body: contact(accountId, { caseId: 'case-nj-recorded', lastResortReason }),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const { body } = await api.get('/contacts?caseId=case-nj-recorded', { as: 'caseSystem' });
    expect(body.items[0]).toMatchObject({ lastResortReason, retentionSchedule: { profile: 'nj-dcf', days: 7 * 365 } });
  });
});

describe('dc-cfsa', () => {
  let runtime: TestRuntime;
  let accountId: string;

  beforeAll(async () => {
    runtime = await startRuntime({ name: 'contacts-dc', profile: 'dc-cfsa' });
    accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
    for (const staffId of ['stf-staff', 'stf-staff3'])
      expect((await grant(runtime.endpoints, accountId, staffId)).status).toBe(201);
  });
  afterAll(() => runtime?.stop());

  it('DC-03: a worker outside the Missing Child Locator Unit is refused, even holding a grant', async () => {
    await expectRefusal(
      runtime,
      contact(accountId, { workerId: 'stf-staff3', workerName: 'Jordan Caseworker' }),
      'DC-03',
      'body.workerId',
    );
  });

  it('DC-04: case management over social media is refused', async () => {
    await expectRefusal(runtime, contact(accountId, { purpose: 'case-management' }), 'DC-04', 'body.purpose');
  });

  it('DC-07: research without a justification category is refused; with one it is recorded', async () => {
    await expectRefusal(runtime, contact(accountId, { purpose: 'research' }), 'DC-07', 'body.researchJustification');
    const response = await apiClient(runtime.endpoints).post('/contacts', {
      as: 'caseSystem',
      body: contact(accountId, { purpose: 'research', researchJustification: 'missing-or-runaway-client' }),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });

  it('DC-08: research through an account that is not a registered official one is refused, citing DC-08', async () => {
    await expectRefusal(
      runtime,
      contact('acc-personal-profile', { purpose: 'research', researchJustification: 'non-engaged-kin' }),
      'DC-08',
      'body.accountId',
    );
  });

  it('DC-03: a locator-unit worker locating a missing child is recorded', async () => {
    const response = await apiClient(runtime.endpoints).post('/contacts', {
      as: 'caseSystem',
      body: contact(accountId, { purpose: 'locate-missing-child' }),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });

  it('DC-03 refuses communication only: other staff may research (DC-07), but not write to the client', async () => {
    const research = contact(accountId, {
      caseId: 'case-dc-research',
      workerId: 'stf-staff3',
      workerName: 'Jordan Caseworker',
      purpose: 'research',
      direction: 'inbound',
      researchJustification: 'non-engaged-kin',
    });
    const response = await apiClient(runtime.endpoints).post('/contacts', { as: 'caseSystem', body: research });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    await expectRefusal(runtime, { ...research, direction: 'outbound' }, 'DC-03', 'body.workerId');
    await expectRefusal(
      runtime,
      { ...research, researchJustification: undefined },
      'DC-07',
      'body.researchJustification',
    );
  });

  it('DC-05: each record says how the ban on contacting clients and their families reached it', async () => {
    const api = apiClient(runtime.endpoints);
    const posted = await api.post('/contacts', {
      as: 'caseSystem',
      body: contact(accountId, { caseId: 'case-dc-05', channel: 'public-comment' }),
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const { body } = await api.get('/contacts?caseId=case-dc-05', { as: 'caseSystem' });
    expect(body.items[0].evidence).toEqual([
      { rule: 'DC-05', note: expect.stringMatching(/family members.*a public comment through an agency account/) },
    ]);
    expect(body.items[0].evidence[0].note).toContain('missing-child-locator-unit');
  });

  it('TN-04: a contact through a public-information account is refused, writing nothing', async () => {
    const publicAccount = await approvedAccount(runtime.endpoints, {
      platform: 'instagram',
      purpose: 'public-information',
    });
    expect((await grant(runtime.endpoints, publicAccount, 'stf-staff')).status).toBe(201);
    await expectRefusal(runtime, contact(publicAccount), 'TN-04', 'body.accountId');
  });
});
