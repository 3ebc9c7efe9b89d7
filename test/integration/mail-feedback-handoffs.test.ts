/**
 * Issue 19.1 for the decisions other than account requests: an NJ-02 grant approver or a Missouri
 * supervisor (MO-01, MO-03) whose mail bounces at the SES mailbox simulator. The step goes at once to
 * an alternate holder of the same role, whose link decides it; the dead link is revoked; the requester
 * or submitter is told. Each profile runs its own local runtime.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../../local/personas.ts';
import { provisionPersonas, scimClient } from '../../local/provision-personas.ts';
import { approvedAccount } from '../support/accounts.ts';
import { apiClient, approvalLinkIn, poll, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';

const bounce = 'bounce@simulator.amazonses.com';
const patchSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The identity provider changes a person's work address, and adds a person, as an agency's would. */
function identityProvider(runtime: TestRuntime) {
  const scim = scimClient(runtime.endpoints.api, runtime.endpoints.tokens.scim!);
  return {
    add: (base: string, staffId: string, name: string, email: string) =>
      provisionPersonas(scim, [{ ...personas[base]!, staffId, name, email }]),
    setEmail: async (staffId: string, email: string) => {
      const found = await scim('GET', `/Users?filter=${encodeURIComponent(`externalId eq "${staffId}"`)}`);
      const id = (found.body.Resources as Array<{ id: string }>)[0]!.id;
      const patched = await scim('PATCH', `/Users/${id}`, {
        schemas: [patchSchema],
        Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: email }],
      });
      expect(patched.status).toBe(200);
    },
  };
}

describe('an NJ-02 grant approver whose mail bounces (issue 19.1)', () => {
  let runtime: TestRuntime;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    runtime = await startRuntime({ name: 'mail-feedback-handoffs-nj', profile: 'nj-dcf' });
    api = apiClient(runtime.endpoints);
  });
  afterAll(() => runtime?.stop());

  it('hands the slot to the other Director of IT, revokes the dead link, tells the requester', async () => {
    const accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
    const idp = identityProvider(runtime);
    await idp.add('itDirector', 'stf-it-director2', 'Iris Second IT Director', 'itdirector2@agency.example');
    await idp.setEmail('stf-it-director', bounce);

    const asked = await api.post(`/accounts/${accountId}/grants`, {
      as: 'officeManager',
      body: { staffId: 'stf-staff' },
    });
    expect(asked.status).toBe(202);
    expect(asked.body.approvers).toEqual([
      { role: 'director', staffId: 'stf-program-director' },
      { role: 'it-director', staffId: 'stf-it-director' },
    ]);
    const requestId = asked.body.requestId as string;
    const mentions = (e: { body: { text?: string } }) => (e.body.text ?? '').includes(requestId);
    const ask = (to: string) =>
      waitForEmail(
        runtime.endpoints,
        (e) => mentions(e) && e.destination.to.includes(to) && e.subject.startsWith('Approve access'),
      );

    const dead = approvalLinkIn(await ask(bounce));
    const handed = approvalLinkIn(await ask('itdirector2@agency.example'));
    const told = await waitForEmail(
      runtime.endpoints,
      (e) => mentions(e) && e.subject.startsWith('Decision reassigned'),
    );
    expect(told.destination.to).toEqual(['officemanager@agency.example']);
    expect(told.body.text).toContain('Iris Second IT Director has been asked instead');
    const operations = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject === 'Mail not delivered: Indra IT Director',
    );
    expect(operations.body.text).toContain('1 decision(s) waiting on them went to an alternate approver');

    const decide = (link: URL) =>
      api.form(link.pathname, { token: link.searchParams.get('token')!, decision: 'approve', comment: '' });
    expect((await decide(dead)).status).toBe(410);
    await decide(approvalLinkIn(await ask('programdirector@agency.example')));
    const last = await decide(handed);
    expect(last.status).toBe(200);
    expect(last.text).toContain('data-status="approved"');
  });
});

describe('a Missouri supervisor whose mail bounces (issue 19.1, MO-01, MO-03)', () => {
  let runtime: TestRuntime;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    runtime = await startRuntime({ name: 'mail-feedback-handoffs-mo', profile: 'mo-dss' });
    api = apiClient(runtime.endpoints);
  });
  afterAll(() => runtime?.stop());

  it("hands the supervisor's step to the region's other supervisor and tells the submitter", async () => {
    const idp = identityProvider(runtime);
    await idp.add('supervisor', 'stf-supervisor2', 'Sasha Second Supervisor', 'supervisor2@agency.example');
    await idp.setEmail('stf-supervisor', bounce);

    const text = 'Thank you to the volunteers who painted the visitation room at the Sevier office!';
    const submitted = await api.post('/post-suggestions', {
      as: 'staff',
      body: { text, timeSensitive: false, attestations: { photoPermission: true, confidentiality: true } },
    });
    expect(submitted.status).toBe(202);
    const id = submitted.body.suggestionId as string;
    const ask = (to: string) =>
      waitForEmail(
        runtime.endpoints,
        (e) =>
          e.destination.to.includes(to) &&
          e.subject.includes('Suggested post') &&
          (e.body.text ?? '').includes(text.slice(0, 40)),
      );

    const dead = approvalLinkIn(await ask(bounce));
    const handed = approvalLinkIn(await ask('supervisor2@agency.example'));
    const told = await waitForEmail(
      runtime.endpoints,
      (e) => (e.body.text ?? '').includes(id) && e.subject.startsWith('Decision reassigned'),
    );
    expect(told.destination.to).toEqual(['staff@agency.example']);
    expect(told.body.text).toContain('Sasha Second Supervisor has been asked instead');

    const decide = (link: URL) =>
      api.form(link.pathname, { token: link.searchParams.get('token')!, decision: 'forward', comment: '' });
    expect((await decide(dead)).status).toBe(410);
    expect((await decide(handed)).status).toBe(200);
    await poll('the suggestion to reach Communications', async () => {
      const status = (await api.get(`/post-suggestions/${id}`, { as: 'staff' })).body.status;
      return status === 'with-communications' ? status : undefined;
    });
  });
});
