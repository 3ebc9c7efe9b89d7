/**
 * Incidents and departures end to end on tn-dcs, with the workflows' waits shortened: every
 * incident type, the hotline wait with reminders (TN-14), the urgent rotation on compromise
 * (NJ-05), revocation before the 202 and the leaver report (TN-10), both standings, and an SES
 * outage that loses nothing.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient, mailbox, poll, waitForEmail, type Email } from '../support/api.ts';
import { repositoryRoot, startRuntime, type TestRuntime } from '../support/runtime.ts';
import { executionArnFor, executionHistory } from '../support/sfn.ts';

const run = promisify(execFile);
const confidential = 'CONFIDENTIAL-DETAIL-child-name-Jamie';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let accountId: string;

beforeAll(async () => {
  const overrides = {
    Incident: { WaitToRemind: 1000 },
    Departure: { WaitToRemind: 700, WaitToEscalate: 700 },
    CredentialRotation: { WaitToRemind: 600_000, WaitToEscalate: 600_000 },
  };
  runtime = await startRuntime({
    name: 'incidents-departures',
    extraArgs: ['--wait-overrides', JSON.stringify(overrides)],
  });
  api = apiClient(runtime.endpoints);
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
  expect(
    (
      await api.put(`/accounts/${accountId}/credential`, {
        as: 'administrator',
        body: { username: 'dcs.smoky', password: 'First-Password-For-Incidents-1!' },
      })
    ).status,
  ).toBe(201);
  for (const staffId of ['stf-staff', 'stf-staff2'])
    expect((await grant(runtime.endpoints, accountId, staffId)).status).toBe(201);
});
afterAll(() => runtime?.stop());

const report = (as: string, type: string) =>
  api.post('/incidents', {
    as,
    body: {
      accountId,
      type,
      description: `${confidential}: a message on the account`,
      observedAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
const incidentEmail = (incidentId: string, match: (e: Email) => boolean = () => true) =>
  waitForEmail(runtime.endpoints, (e) => (e.body.text ?? '').includes(`/incidents/${incidentId}`) && match(e));
const execution = (machine: string, name: string) =>
  poll(
    `${machine} ${name} to finish`,
    async () => {
      const events = await executionHistory(runtime.endpoints, executionArnFor(runtime.endpoints, machine, name));
      const last = events.at(-1)?.type;
      return last && /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(last) ? events : undefined;
    },
    30_000,
  );

describe('incidents', () => {
  it.each(['inappropriate-activity', 'other'])(
    'TN-06 %s: the directors and administrators hear at once, without the description',
    async (type) => {
      const { status, body } = await report('staff', type);
      expect(status).toBe(202);
      const email = await incidentEmail(body.incidentId);
      expect(email.destination.to).toEqual(
        expect.arrayContaining([
          'director@agency.example',
          'administrator@agency.example',
          'backupadministrator@agency.example',
        ]),
      );
      expect(JSON.stringify(email)).not.toContain(confidential);
      const record = (await api.get(`/incidents/${body.incidentId}`, { as: 'director' })).body;
      expect(record).toMatchObject({
        type,
        status: 'notified',
        description: expect.stringContaining(confidential),
        recoveryCustodians: ['stf-administrator', 'stf-backup-administrator'],
      });
      expect((await execution('Incident', body.incidentId)).at(-1)?.type).toBe('ExecutionSucceeded');
    },
  );

  it('TN-14: suspected abuse or neglect carries the hotline steps and stays open, with reminders, until the report is recorded', async () => {
    const { body } = await report('administrator', 'suspected-abuse-or-neglect');
    const first = await incidentEmail(body.incidentId, (e) => e.subject.startsWith('Incident'));
    expect(first.body.text).toContain('1-877-237-0004');
    expect(first.body.text).toContain('https://apps.tn.gov/carat/');
    expect(JSON.stringify(first)).not.toContain(confidential);
    const reminder = await incidentEmail(body.incidentId, (e) => e.subject.startsWith('Reminder: hotline report'));
    expect(reminder.destination.to).toContain('administrator@agency.example');
    expect((await api.get(`/incidents/${body.incidentId}`, { as: 'supervisor' })).body.status).toBe('open');
    const outsider = await api.post(`/incidents/${body.incidentId}/hotline-report`, {
      as: 'otherDirector',
      body: { reference: 'CARAT-1' },
    });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.code).toBe('TN-14');
    const recorded = await api.post(`/incidents/${body.incidentId}/hotline-report`, {
      as: 'staff3',
      body: { reference: 'CARAT-2026-000123' },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({
      status: 'closed',
      hotlineReport: { reference: 'CARAT-2026-000123', recordedBy: 'stf-staff3' },
    });
    expect(
      (await api.post(`/incidents/${body.incidentId}/hotline-report`, { as: 'staff3', body: { reference: 'again' } }))
        .status,
    ).toBe(409);
    expect((await execution('Incident', body.incidentId)).at(-1)?.type).toBe('ExecutionSucceeded');
    const reminders = (await mailbox(runtime.endpoints)).filter(
      (e) => (e.body.text ?? '').includes(body.incidentId) && e.subject.startsWith('Reminder'),
    ).length;
    await new Promise((r) => setTimeout(r, 2500));
    expect(
      (await mailbox(runtime.endpoints)).filter(
        (e) => (e.body.text ?? '').includes(body.incidentId) && e.subject.startsWith('Reminder'),
      ).length,
    ).toBe(reminders);
  });

  it('NJ-05: a compromise starts an urgent password change and tells the supervisors', async () => {
    const { body } = await report('staff', 'account-compromise');
    const email = await incidentEmail(body.incidentId);
    expect(email.destination.to).toContain('supervisor@agency.example');
    expect(email.body.text).toContain('urgent password change');
    const task = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject.startsWith('Change the password') && (e.body.text ?? '').includes('may be compromised'),
    );
    expect(task.destination.to).toContain('administrator@agency.example');
    const incident = (await api.get(`/incidents/${body.incidentId}`, { as: 'director' })).body;
    expect(incident.rotationId).toMatch(/^[0-9a-f-]{36}$/);
    // Finish it, so later tests can rotate again.
    await poll(
      'pending',
      async () =>
        (await api.get(`/accounts/${accountId}/credential?version=pending`, { as: 'administrator' })).status === 200,
    );
    expect(
      (await api.post(`/accounts/${accountId}/rotations/${incident.rotationId}/confirm`, { as: 'administrator' }))
        .status,
    ).toBe(200);
  });

  it('refuses staff of another region and bad input, and nothing is emailed for them', async () => {
    const outsider = await report('otherDirector', 'other');
    expect(outsider.status).toBe(403);
    // TN-06: an account's activity goes to its own region's director; staff of another region do not report it.
    expect(outsider.body.error.code).toBe('TN-06');
    expect(
      (
        await api.post('/incidents', {
          as: 'staff',
          body: { accountId, type: 'gossip', description: '', observedAt: 'yesterday' },
        })
      ).body.error.details.map((d: { field: string }) => d.field),
    ).toEqual(expect.arrayContaining(['body.type', 'body.description', 'body.observedAt']));
  });
});

describe('SES outage', () => {
  it('an incident reported while SES is down is recorded, its mail dead-lettered, and delivered after SES returns', async () => {
    const control = (action: string) => fetch(`${runtime.endpoints.control}/${action}`, { method: 'POST' });
    expect((await control('ses/stop')).status).toBe(204);
    let incidentId = '';
    try {
      const { status, body } = await report('staff', 'inappropriate-activity');
      expect(status).toBe(202);
      incidentId = body.incidentId;
      expect((await api.get(`/incidents/${incidentId}`, { as: 'director' })).body.status).toBe('notified');
      await execution('Incident', incidentId);
    } finally {
      expect((await control('ses/start')).status).toBe(204);
    }
    expect((await mailbox(runtime.endpoints)).some((e) => (e.body.text ?? '').includes(incidentId))).toBe(false);
    const { stdout } = await run(
      process.execPath,
      ['local/run-schedule.ts', 'mailRedelivery', '--data-dir', runtime.dataDir],
      { cwd: repositoryRoot },
    );
    expect(stdout).toMatch(/"delivered":[1-9]/);
    const email = await incidentEmail(incidentId);
    expect(email.destination.to).toContain('director@agency.example');
  });
});

describe('departures (TN-10)', () => {
  it('good standing: every grant is revoked before the 202, the directors get the leaver report, no rotation', async () => {
    expect((await api.get(`/accounts/${accountId}/credential`, { as: 'staff2' })).status).toBe(200);
    const { status, body } = await api.post('/departures', {
      as: 'hr',
      body: { staffId: 'stf-staff2', standing: 'good', departedAt: new Date().toISOString() },
    });
    expect(status).toBe(202);
    const refused = await api.get(`/accounts/${accountId}/credential`, { as: 'staff2' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('TN-10');
    const email = await waitForEmail(runtime.endpoints, (e) => e.subject === 'Leaver report: Robin Caseworker');
    expect(email.destination.to).toContain('director@agency.example');
    expect(email.body.text).toContain(accountId);
    const departure = (await api.get(`/departures/${body.departureId}`, { as: 'director' })).body;
    expect(departure).toMatchObject({ standing: 'good', revokedGrants: [accountId] });
    expect(departure.report).toEqual([
      expect.objectContaining({
        accountId,
        access: ['grant'],
        reveals: [expect.any(String)],
        passwordChangedSince: false,
      }),
    ]);
    const events = await execution('Departure', body.departureId);
    expect(events.some((e) => e.stateEnteredEventDetails?.name === 'RotateAccounts')).toBe(false);
    expect(
      (await api.get(`/accounts/${accountId}/grants`, { as: 'director' })).body.items.map(
        (g: { staffId: string }) => g.staffId,
      ),
    ).not.toContain('stf-staff2');
  });

  it('bad standing: waits for email access removal with reminders and escalation, then changes the password', async () => {
    expect((await api.get(`/accounts/${accountId}/credential`, { as: 'staff' })).status).toBe(200);
    const { body } = await api.post('/departures', {
      as: 'director',
      body: { staffId: 'stf-staff', standing: 'bad', departedAt: new Date().toISOString() },
    });
    expect((await api.get(`/accounts/${accountId}/credential`, { as: 'staff' })).status).toBe(403);
    const reminder = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject === 'Reminder: remove the email access of Sky Caseworker',
    );
    expect(reminder.destination.to).toEqual(expect.arrayContaining(['hr@agency.example', 'itdirector@agency.example']));
    const escalation = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject === 'Escalated: remove the email access of Sky Caseworker',
    );
    expect(escalation.destination.to).toContain('director@agency.example');
    expect((await api.get(`/departures/${body.departureId}`, { as: 'hr' })).body.status).toBe('awaiting-email-removal');
    expect((await api.post(`/departures/${body.departureId}/email-access-removed`, { as: 'staff3' })).status).toBe(403);
    expect((await api.post(`/departures/${body.departureId}/email-access-removed`, { as: 'itDirector' })).status).toBe(
      202,
    );
    expect((await api.post(`/departures/${body.departureId}/email-access-removed`, { as: 'hr' })).status).toBe(409);
    const task = await waitForEmail(
      runtime.endpoints,
      (e) =>
        e.subject.startsWith('Change the password') && (e.body.text ?? '').includes('someone with access has left'),
    );
    expect(task.destination.to).toContain('administrator@agency.example');
    const departure = await poll('rotations recorded', async () => {
      const current = (await api.get(`/departures/${body.departureId}`, { as: 'director' })).body;
      return current.rotations.length ? current : undefined;
    });
    const rotationId = departure.rotations[0].rotationId as string;
    await poll(
      'pending',
      async () =>
        (await api.get(`/accounts/${accountId}/credential?version=pending`, { as: 'administrator' })).status === 200,
    );
    expect(
      (await api.post(`/accounts/${accountId}/rotations/${rotationId}/confirm`, { as: 'administrator' })).status,
    ).toBe(200);
    const after = (await api.get(`/departures/${body.departureId}`, { as: 'operations' })).body;
    expect(after.report).toEqual([
      expect.objectContaining({ accountId, access: ['grant'], passwordChangedSince: true }),
    ]);
    await waitForEmail(
      runtime.endpoints,
      (e) => e.subject === 'Leaver report: Sky Caseworker' && (e.body.text ?? '').includes('is complete'),
    );
  });

  it('a departing designated administrator: the report names the back-up administrator as successor', async () => {
    const { body } = await api.post('/departures', {
      as: 'hr',
      body: { staffId: 'stf-administrator', standing: 'good', departedAt: new Date().toISOString() },
    });
    const departure = (await api.get(`/departures/${body.departureId}`, { as: 'hr' })).body;
    expect(departure.report).toEqual([
      expect.objectContaining({
        accountId,
        access: ['designated-administrator'],
        successorCustodian: 'stf-backup-administrator',
      }),
    ]);
    expect((await api.get(`/accounts/${accountId}/credential`, { as: 'administrator' })).status).toBe(403);
    expect(
      (
        await api.post('/departures', {
          as: 'staff3',
          body: { staffId: 'stf-staff3', standing: 'good', departedAt: new Date().toISOString() },
        })
      ).status,
    ).toBe(403);
  });
});
