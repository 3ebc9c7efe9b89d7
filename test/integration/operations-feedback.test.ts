/**
 * Issue 19 on the local runtime: a wait for a person that runs out (19.2), with the departure's
 * email-removal wait shortened to seconds by the runtime's wait overrides; and SES feedback from
 * the mailbox simulator's addresses (19.1), delivered in SES's EventBridge format to the function
 * the AWS event rule invokes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, poll, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { executionArnFor, executionHistory } from '../support/sfn.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  const overrides = { Departure: { WaitToRemind: 300, WaitToEscalate: 300, AwaitEmailAccessRemoved: 2500 } };
  runtime = await startRuntime({
    name: 'operations-feedback',
    extraArgs: ['--wait-overrides', JSON.stringify(overrides)],
  });
  api = apiClient(runtime.endpoints);
});
afterAll(() => runtime?.stop());

describe('a wait for a person that runs out (issue 19.2)', () => {
  it('records it, tells directors, HR and operations, shows it on the status page; a later record resumes', async () => {
    const { status, body } = await api.post('/departures', {
      as: 'director',
      body: { staffId: 'stf-staff3', standing: 'bad', departedAt: new Date().toISOString() },
    });
    expect(status).toBe(202);
    const departureId = body.departureId as string;

    const notice = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject === 'Stopped waiting: The departure of Jordan Caseworker',
      30_000,
    );
    expect(notice.destination.to).toEqual(
      expect.arrayContaining(['director@agency.example', 'hr@agency.example', 'operations@agency.example']),
    );
    expect(notice.body.text).toContain('recording the email removal resumes the rotation (TN-10)');
    const history = await poll('the execution to end', async () => {
      const events = await executionHistory(
        runtime.endpoints,
        executionArnFor(runtime.endpoints, 'Departure', departureId),
      );
      return events.at(-1)?.type === 'ExecutionSucceeded' ? events : undefined;
    });
    expect(history.map((e) => e.type)).toContain('TaskTimedOut');
    expect(history.find((e) => e.type === 'TaskTimedOut')?.taskTimedOutEventDetails?.error).toBe('States.Timeout');
    expect(
      history.filter((e) => e.type === 'SucceedStateEntered').map((e) => e.stateEnteredEventDetails?.name),
    ).toEqual(['Escalated', 'DepartureWaitEnded']);

    const page = (await api.get('/ops/status.json', { as: 'operations' })).body;
    expect(page.waits.limits).toEqual(
      expect.arrayContaining([
        // tn-dcs: twice the 72 hours after which directors hear of it.
        expect.objectContaining({ workflow: 'departure', states: ['AwaitEmailAccessRemoved'], limitHours: 144 }),
        // TN-09: one 30-day rotation interval.
        expect.objectContaining({ workflow: 'credentialRotation', limitHours: 720 }),
      ]),
    );
    expect(page.waits.timedOut).toEqual([
      expect.objectContaining({ subject: 'STAFF#stf-staff3', summary: expect.stringContaining('stopped waiting') }),
    ]);
    const html = await (await api.get('/ops/status', { as: 'operations' })).text;
    expect(html).toContain('id="waits-timed-out"');

    // HR records the removal after the wait ended: a run of its own rotates and completes the departure.
    expect((await api.post(`/departures/${departureId}/email-access-removed`, { as: 'hr' })).status).toBe(202);
    await poll('the departure to complete', async () => {
      const departure = (await api.get(`/departures/${departureId}`, { as: 'hr' })).body;
      return departure.status === 'completed' ? departure : undefined;
    });
    const resumed = await executionHistory(
      runtime.endpoints,
      executionArnFor(runtime.endpoints, 'Departure', `${departureId}-email-removed`),
    );
    expect(resumed.map((e) => e.stateEnteredEventDetails?.name).filter(Boolean)).toContain('RotateAccounts');
  });
});
