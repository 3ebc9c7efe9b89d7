/**
 * Who approves an account, and for what purposes, under the profiles not covered elsewhere:
 * DC CFSA's Office of Public Information (DC-01, DC-02), Connecticut's Information Services
 * (CT-07, CT-01), Missouri's Communications (MO-03), and New Jersey's purpose rule (NJ-04).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount } from '../support/accounts.ts';
import { apiClient, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';

const request = (purpose: string, platform = 'facebook') => ({
  platform,
  purpose,
  region: 'smoky-mountain',
  administratorId: 'stf-administrator',
  backupAdministratorId: 'stf-backup-administrator',
});

const cases = [
  {
    profile: 'dc-cfsa',
    approver: 'opi@agency.example',
    purpose: 'public-information',
    rule: 'DC-01',
    hotline: '202-671-7233',
    refusedPurpose: 'news',
    purposeRule: 'DC-02',
    terms: ['DC-06'],
  },
  {
    profile: 'ct-dcf',
    approver: 'infoservices@agency.example',
    purpose: 'client-contact',
    rule: 'CT-07',
    hotline: '1-800-842-2288',
    refusedPurpose: 'news',
    purposeRule: 'CT-01',
    terms: [],
  },
  {
    profile: 'mo-dss',
    approver: 'communications@agency.example',
    purpose: 'public-information',
    rule: 'MO-03',
    hotline: '1-800-392-3738',
    refusedPurpose: undefined,
    purposeRule: undefined,
    terms: [],
  },
  {
    profile: 'nj-dcf',
    approver: 'programdirector@agency.example',
    purpose: 'client-contact',
    rule: 'NJ-02',
    hotline: '1-877-652-2873',
    refusedPurpose: 'news',
    purposeRule: 'NJ-04',
    terms: ['NJ-08'],
  },
] as const;

describe.each(cases)(
  '$profile',
  ({ profile, approver, purpose, rule, terms, hotline, refusedPurpose, purposeRule }) => {
    let runtime: TestRuntime;
    beforeAll(async () => {
      runtime = await startRuntime({ name: `approval-${profile}`, profile });
    });
    afterAll(() => runtime?.stop());

    it(`${rule}: the profile's approver is asked and recorded with its rule; the account has its hotline and terms`, {
      timeout: 90_000,
    }, async () => {
      const accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook', purpose });
      const asked = await waitForEmail(
        runtime.endpoints,
        (e) => e.subject.startsWith('Approve') && e.destination.to.includes(approver),
      );
      expect(asked.body.text).toContain(`Purpose: ${purpose}`);
      const account = (await apiClient(runtime.endpoints).get(`/accounts/${accountId}`, { as: 'director' })).body;
      expect(account).toMatchObject({ purpose, status: 'active' });
      expect(account.aboutText).toContain(hotline);
      const approval = (
        await apiClient(runtime.endpoints).get(`/account-requests/${account.requestId}`, { as: 'director' })
      ).body;
      expect(approval.approvers.length).toBeGreaterThan(0);
      for (const approver of approval.approvers) expect(approver).toMatchObject({ rules: [rule], decision: 'approve' });
      // The conduct terms of the profile's rules, kept on the account and emailed at approval.
      expect(account.terms.map((term: { rule: string }) => term.rule)).toEqual(terms);
      const approved = await waitForEmail(
        runtime.endpoints,
        (e) => e.subject.startsWith('Approved:') && (e.body.text ?? '').includes(accountId),
      );
      for (const { rule: termRule, term } of account.terms)
        expect(approved.body.text).toContain(`${term} (${termRule})`);
    });

    it.skipIf(!refusedPurpose)(
      `${purposeRule}: a purpose the profile does not allow is refused with its rule`,
      async () => {
        const refused = await apiClient(runtime.endpoints).post('/account-requests', {
          as: 'director',
          body: request(refusedPurpose!, 'instagram'),
        });
        expect(refused.status).toBe(422);
        expect(refused.body.error.code).toBe(purposeRule);
      },
    );
  },
);

describe("CT-02: ct-dcf+tn-dcs keeps every agency's texts and numbers and cites every rule", () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await startRuntime({ name: 'approval-ct-tn', profile: 'ct-dcf+tn-dcs' });
  });
  afterAll(() => runtime?.stop());

  it('CT-02: a refusal cites the rule of each profile (403 CT-07 and TN-02, 422 CT-01 and TN-04)', async () => {
    const api = apiClient(runtime.endpoints);
    const otherRegion = await api.post('/account-requests', {
      as: 'otherDirector',
      body: request('client-contact', 'x'),
    });
    expect(otherRegion.status).toBe(403);
    expect(otherRegion.body.error).toMatchObject({ code: 'CT-07', rules: ['CT-07', 'TN-02'] });
    const news = await api.post('/account-requests', { as: 'director', body: request('news', 'x') });
    expect(news.status).toBe(422);
    expect(news.body.error).toMatchObject({ code: 'CT-01', rules: ['CT-01', 'TN-04'] });
    expect(news.body.error.message).toMatch(/^CT-01, TN-04: /);
  });

  it('CT-02: the account carries both About texts, each with its own hotline, and the Intro line (TN-15)', {
    timeout: 90_000,
  }, async () => {
    const accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
    const account = (await apiClient(runtime.endpoints).get(`/accounts/${accountId}`, { as: 'director' })).body;
    const [connecticut, tennessee] = (account.aboutText as string).split('\n\n---\n\n');
    expect(connecticut).toContain('1-800-842-2288');
    expect(connecticut).not.toContain('1-877-237-0004');
    expect(tennessee).toContain('please contact the Child Abuse Hotline at 1-877-237-0004');
    expect(tennessee).not.toContain('1-800-842-2288');
    expect(tennessee).toMatch(/\nIntro: This account is managed by the DCS Smoky Mountain$/);
  });
});
