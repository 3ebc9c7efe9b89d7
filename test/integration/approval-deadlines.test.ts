/**
 * Reminder, escalation and expiry, run by the workflow's own Wait states with wait overrides
 * (the local runtime's --wait-overrides) instead of days of real time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, approvalLinkIn, poll, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { executionArnFor, executionHistory } from '../support/sfn.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  const overrides = { AccountApproval: { WaitToRemind: 1500, WaitToEscalate: 1500, WaitToExpire: 2500 } };
  runtime = await startRuntime({
    name: 'approval-deadlines',
    extraArgs: ['--wait-overrides', JSON.stringify(overrides)],
  });
  api = apiClient(runtime.endpoints);
});
afterAll(() => runtime?.stop());

describe('an undecided request', () => {
  it('is reminded, escalated to the director and an alternate approver, then expires', async () => {
    const { body: accepted } = await api.post('/account-requests', {
      as: 'designee',
      body: {
        platform: 'facebook',
        purpose: 'client-contact',
        region: 'smoky-mountain',
        administratorId: 'stf-administrator',
        backupAdministratorId: 'stf-backup-administrator',
      },
    });
    const requestId = accepted.requestId as string;
    const mentions = (e: { body: { text?: string } }) => (e.body.text ?? '').includes(requestId);
    const first = approvalLinkIn(
      await waitForEmail(runtime.endpoints, (e) => mentions(e) && e.subject.startsWith('Approve')),
    );

    const reminder = await waitForEmail(runtime.endpoints, (e) => mentions(e) && e.subject.startsWith('Reminder:'));
    expect(reminder.destination.to).toEqual(['communications@agency.example']);
    // The reminder's fresh link replaces the first one.
    expect((await fetch(first)).status).toBe(410);
    const reminderLink = approvalLinkIn(reminder);
    expect((await fetch(reminderLink)).status).toBe(200);

    const notice = await waitForEmail(
      runtime.endpoints,
      (e) => mentions(e) && e.subject.startsWith('Waiting for approval'),
    );
    expect(notice.destination.to).toEqual(['director@agency.example']);
    const alternate = await waitForEmail(runtime.endpoints, (e) => mentions(e) && e.subject.startsWith('Escalated:'));
    expect(alternate.destination.to).toEqual(['communications2@agency.example']);

    const closed = await waitForEmail(
      runtime.endpoints,
      (e) => mentions(e) && e.subject.startsWith('Account request expired'),
      30_000,
    );
    expect(closed.destination.to).toEqual(['designee@agency.example']);
    expect((await api.get(`/account-requests/${requestId}`, { as: 'designee' })).body.status).toBe('expired');
    expect((await fetch(reminderLink)).status).toBe(410);
    expect(
      (
        await api.form(approvalLinkIn(alternate).pathname, {
          token: approvalLinkIn(alternate).searchParams.get('token')!,
          decision: 'approve',
          comment: '',
        })
      ).status,
    ).toBe(410);

    const events = await poll('the finished execution', async () => {
      const history = await executionHistory(
        runtime.endpoints,
        executionArnFor(runtime.endpoints, 'AccountApproval', requestId),
      );
      return history.at(-1)?.type === 'ExecutionSucceeded' ? history : undefined;
    });
    const entered = events.filter((e) => e.type?.endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails?.name);
    expect(entered).toEqual(expect.arrayContaining(['SendReminders', 'Escalate', 'ExpireRequest', 'NotifyClosed']));
  });

  it('an approval that lands between reminder and escalation still settles it', async () => {
    const { body: accepted } = await api.post('/account-requests', {
      as: 'director',
      body: {
        platform: 'instagram',
        purpose: 'client-contact',
        region: 'smoky-mountain',
        administratorId: 'stf-administrator',
        backupAdministratorId: 'stf-backup-administrator',
      },
    });
    const reminder = await waitForEmail(
      runtime.endpoints,
      (e) => (e.body.text ?? '').includes(accepted.requestId) && e.subject.startsWith('Reminder:'),
    );
    const link = approvalLinkIn(reminder);
    expect(
      (
        await api.form(link.pathname, {
          token: link.searchParams.get('token')!,
          decision: 'approve',
          comment: 'late but fine',
        })
      ).status,
    ).toBe(200);
    await waitForEmail(
      runtime.endpoints,
      (e) =>
        e.subject.startsWith('Approved:') && (e.body.text ?? '').includes(accepted.requestId.replace('req_', 'acc_')),
    );
    expect((await api.get(`/account-requests/${accepted.requestId}`, { as: 'director' })).body.status).toBe('approved');
  });
});
