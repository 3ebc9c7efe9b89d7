/**
 * NJ-02 under nj-dcf: the CP&P Director decides first, then the Director of IT; both must approve.
 * Also counts the state transitions of this two-approver approval (goal <= 15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, approvalLinkIn, mailbox, poll, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { executionArnFor, executionHistory, stateTransitions } from '../support/sfn.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'approval-nj', profile: 'nj-dcf' });
  api = apiClient(runtime.endpoints);
});
afterAll(() => runtime?.stop());

const body = (platform: string) => ({
  platform,
  purpose: 'client-contact',
  region: 'smoky-mountain',
  administratorId: 'stf-administrator',
  backupAdministratorId: 'stf-backup-administrator',
});
const linkFor = (requestId: string, to: string) =>
  waitForEmail(
    runtime.endpoints,
    (e) =>
      e.destination.to.includes(to) &&
      (e.body.text ?? '').includes(`Request: ${requestId}`) &&
      e.subject.startsWith('Approve'),
  ).then(approvalLinkIn);
const decide = (link: URL, decision: string, comment = '') =>
  api.form(link.pathname, { token: link.searchParams.get('token')!, decision, comment });

describe('NJ-02: serial approval by the CP&P Director and the Director of IT', () => {
  it('asks the Director of IT only after the CP&P Director approved, and approves with both', async () => {
    const { body: accepted } = await api.post('/account-requests', { as: 'director', body: body('facebook') });
    const requestId = accepted.requestId as string;
    const first = await linkFor(requestId, 'programdirector@agency.example');
    expect((await mailbox(runtime.endpoints)).some((e) => e.destination.to.includes('itdirector@agency.example'))).toBe(
      false,
    );
    expect((await api.get(`/account-requests/${requestId}`, { as: 'director' })).body.approvers).toEqual([
      { role: 'director', staffId: 'stf-program-director', rules: ['NJ-02'] },
      { role: 'it-director', staffId: 'stf-it-director', rules: ['NJ-02'] },
    ]);

    expect((await decide(first, 'approve', 'Program need confirmed')).text).toContain('waits for the other approvers');
    const second = await linkFor(requestId, 'itdirector@agency.example');
    expect((await decide(second, 'approve', 'Device and account set-up approved')).text).toContain(
      'data-status="approved"',
    );

    const view = await poll('the account', async () => {
      const { body: current } = await api.get(`/account-requests/${requestId}`, { as: 'director' });
      return current.accountId ? current : undefined;
    });
    expect(view.approvals.map((a: { role: string; approverId: string }) => [a.role, a.approverId])).toEqual([
      ['director', 'stf-program-director'],
      ['it-director', 'stf-it-director'],
    ]);
    const account = (await api.get(`/accounts/${view.accountId}`, { as: 'director' })).body;
    expect(account.aboutText).toContain('New Jersey Department of Children and Families');

    const events = await poll('a finished execution', async () => {
      const history = await executionHistory(
        runtime.endpoints,
        executionArnFor(runtime.endpoints, 'AccountApproval', requestId),
      );
      return history.at(-1)?.type === 'ExecutionSucceeded' ? history : undefined;
    });
    const transitions = stateTransitions(events);
    process.stdout.write(`two-approver approval (nj-dcf): ${transitions} state transitions\n`);
    expect(transitions).toBeLessThanOrEqual(15);
  });

  it('a rejection by the first approver ends it; the Director of IT is never asked', async () => {
    const { body: accepted } = await api.post('/account-requests', { as: 'designee', body: body('instagram') });
    const first = await linkFor(accepted.requestId, 'programdirector@agency.example');
    await decide(first, 'reject', 'Use the regional page');
    await waitForEmail(
      runtime.endpoints,
      (e) => e.subject.startsWith('Account request rejected') && (e.body.text ?? '').includes(accepted.requestId),
    );
    const asked = (await mailbox(runtime.endpoints)).filter(
      (e) =>
        (e.body.text ?? '').includes(`Request: ${accepted.requestId}`) &&
        e.destination.to.includes('itdirector@agency.example'),
    );
    expect(asked).toEqual([]);
  });
});
