/**
 * Issue 19 on the local runtime: a wait for a person that runs out (19.2), with the departure's
 * email-removal wait shortened to seconds by the runtime's wait overrides; and SES feedback from
 * the mailbox simulator's addresses (19.1), delivered in SES's EventBridge format to the function
 * the AWS event rule invokes.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient } from '../../local/provision-personas.ts';
import { localConfigurationSet } from '../../local/ses.ts';
import { apiClient, approvalLinkIn, poll, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { executionArnFor, executionHistory } from '../support/sfn.ts';
import { auditEntries, getDirectoryEntry } from '../support/tables.ts';

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

describe('SES feedback from the mailbox simulator (issue 19.1)', () => {
  const patchSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
  /** The identity provider changes a person's work address, as an agency's would. */
  const setEmail = async (staffId: string, email: string) => {
    const scim = scimClient(runtime.endpoints.api, runtime.endpoints.tokens.scim!);
    const filter = encodeURIComponent(`externalId eq "${staffId}"`);
    const found = await scim('GET', `/Users?filter=${filter}`);
    const id = (found.body.Resources as Array<{ id: string }>)[0]!.id;
    const patched = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchSchema],
      Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: email }],
    });
    expect(patched.status).toBe(200);
  };
  const feedbackOf = async (staffId: string) =>
    poll(`mail feedback on ${staffId}`, async () => {
      const entry = (await getDirectoryEntry(runtime.endpoints, staffId)) as { mailFeedback?: Record<string, string> };
      return entry?.mailFeedback;
    });

  it('a bounce: recorded on the approver, counted, the decision handed to the alternate, the requester told', async () => {
    await setEmail('stf-communications', 'bounce@simulator.amazonses.com');
    const { body } = await api.post('/account-requests', {
      as: 'designee',
      body: {
        platform: 'instagram',
        purpose: 'client-contact',
        region: 'smoky-mountain',
        administratorId: 'stf-administrator',
        backupAdministratorId: 'stf-backup-administrator',
      },
    });
    const requestId = body.requestId as string;
    const mentions = (e: { body: { text?: string } }) => (e.body.text ?? '').includes(requestId);

    // SES accepted the message to the simulator's bounce address, then reported the bounce.
    await waitForEmail(
      runtime.endpoints,
      (e) => mentions(e) && e.destination.to.includes('bounce@simulator.amazonses.com'),
    );
    expect(await feedbackOf('stf-communications')).toMatchObject({ kind: 'bounce', type: 'Permanent/General' });

    const handed = await waitForEmail(
      runtime.endpoints,
      (e) => mentions(e) && e.subject.startsWith('Escalated: Approve'),
    );
    expect(handed.destination.to).toEqual(['communications2@agency.example']);
    const told = await waitForEmail(
      runtime.endpoints,
      (e) => mentions(e) && e.subject.startsWith('Decision reassigned'),
    );
    expect(told.destination.to).toEqual(['designee@agency.example']);
    expect(told.body.text).toContain('Morgan Communications has been asked instead');
    const operations = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject === 'Mail not delivered: Casey Communications',
    );
    expect(operations.destination.to).toEqual(['operations@agency.example']);
    expect(operations.body.text).toContain('1 decision(s) waiting on them went to an alternate approver');

    // The alternate's link decides the request.
    const link = approvalLinkIn(handed);
    expect((await fetch(link)).status).toBe(200);

    const status = (await api.get('/ops/status.json', { as: 'operations' })).body;
    expect(status.mailFeedback.recent).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject: 'STAFF#stf-communications' })]),
    );
    // The metric the Mail-NotReachingPeople alarm watches, in CloudWatch's embedded metric format.
    const log = await readFile(runtime.logFile, 'utf8');
    expect(log.split('\n').some((line) => line.includes('"_aws"') && line.includes('"MailBounces":1'))).toBe(true);
  });

  it('complaint@ and suppressionlist@ produce the events SES publishes, recorded on their people', async () => {
    await setEmail('stf-staff2', 'complaint@simulator.amazonses.com');
    await setEmail('stf-staff', 'suppressionlist@simulator.amazonses.com');
    const ses = new SESv2Client({
      endpoint: runtime.endpoints.aws.ses,
      region: runtime.endpoints.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const send = (to: string, configurationSet?: string) =>
      ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'no-reply@official-accounts.local',
          Destination: { ToAddresses: [to] },
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
          Content: { Simple: { Subject: { Data: 'Simulator' }, Body: { Text: { Data: 'test' } } } },
        }),
      );
    await send('complaint@simulator.amazonses.com', localConfigurationSet);
    await send('suppressionlist@simulator.amazonses.com', localConfigurationSet);
    ses.destroy();
    expect(await feedbackOf('stf-staff2')).toMatchObject({ kind: 'complaint', type: 'abuse' });
    expect(await feedbackOf('stf-staff')).toMatchObject({ kind: 'bounce', type: 'Permanent/Suppressed' });
  });

  it('sends no event for mail that does not name the configuration set, as SES publishes none', async () => {
    await setEmail('stf-staff3', 'bounce@simulator.amazonses.com');
    const ses = new SESv2Client({
      endpoint: runtime.endpoints.aws.ses,
      region: runtime.endpoints.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'no-reply@official-accounts.local',
        Destination: { ToAddresses: ['bounce@simulator.amazonses.com'] },
        Content: { Simple: { Subject: { Data: 'No set' }, Body: { Text: { Data: 'test' } } } },
      }),
    );
    ses.destroy();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const entry = (await getDirectoryEntry(runtime.endpoints, 'stf-staff3')) as { mailFeedback?: unknown };
    expect(entry.mailFeedback).toBeUndefined();
  });

  // Runs after the tests above: stf-communications' address bounced, stf-staff2 complained.
  describe('a person whose mail does not arrive is not asked to decide new requests (issue 19.1)', () => {
    const entryOf = async (staffId: string) =>
      (await getDirectoryEntry(runtime.endpoints, staffId)) as {
        email: string;
        mailUnreachable?: Record<string, string>;
        mailFeedback?: Record<string, string>;
      };
    const ask = async (platform: string) => {
      const asked = await api.post('/account-requests', {
        as: 'designee',
        body: {
          platform,
          purpose: 'client-contact',
          region: 'smoky-mountain',
          administratorId: 'stf-administrator',
          backupAdministratorId: 'stf-backup-administrator',
        },
      });
      expect(asked.status).toBe(202);
      const requestId = asked.body.requestId as string;
      const request = (await api.get(`/account-requests/${requestId}`, { as: 'designee' })).body;
      return { requestId, approvers: (request.approvers as Array<{ staffId: string }>).map((a) => a.staffId) };
    };
    const sendThroughSet = async (to: string) => {
      const ses = new SESv2Client({
        endpoint: runtime.endpoints.aws.ses,
        region: runtime.endpoints.region,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'no-reply@official-accounts.local',
          Destination: { ToAddresses: [to] },
          ConfigurationSetName: localConfigurationSet,
          Content: { Simple: { Subject: { Data: 'Simulator' }, Body: { Text: { Data: 'test' } } } },
        }),
      );
      ses.destroy();
    };

    it('marks the record with the address that failed; a change of anything else keeps the mark', async () => {
      const marked = await entryOf('stf-communications');
      expect(marked.mailUnreachable).toMatchObject({
        kind: 'bounce',
        type: 'Permanent/General',
        email: 'bounce@simulator.amazonses.com',
        since: expect.any(String),
      });
      expect((await entryOf('stf-staff2')).mailUnreachable).toMatchObject({ kind: 'complaint', type: 'abuse' });
      expect((await entryOf('stf-staff')).mailUnreachable).toMatchObject({ type: 'Permanent/Suppressed' });

      // The identity provider rewrites the person (a new display name): the address stays, so does the mark.
      const scim = scimClient(runtime.endpoints.api, runtime.endpoints.tokens.scim!);
      const filter = encodeURIComponent('externalId eq "stf-communications"');
      const id = ((await scim('GET', `/Users?filter=${filter}`)).body.Resources as Array<{ id: string }>)[0]!.id;
      const renamed = await scim('PATCH', `/Users/${id}`, {
        schemas: [patchSchema],
        Operations: [{ op: 'replace', path: 'displayName', value: 'Casey Communications' }],
      });
      expect(renamed.status).toBe(200);
      const kept = await entryOf('stf-communications');
      expect(kept.mailUnreachable).toEqual(marked.mailUnreachable);
      expect(kept.mailFeedback).toEqual(marked.mailFeedback);

      // Operations see who is unreachable now, not only the recent events.
      const status = (await api.get('/ops/status.json', { as: 'operations' })).body;
      expect(status.mailFeedback.unreachable).toEqual(
        expect.arrayContaining([
          {
            staffId: 'stf-communications',
            name: 'Casey Communications',
            kind: 'bounce',
            type: 'Permanent/General',
            since: marked.mailUnreachable!.since,
          },
          expect.objectContaining({ staffId: 'stf-staff2', kind: 'complaint' }),
        ]),
      );
      const html = (await api.get('/ops/status', { as: 'operations' })).text;
      expect(html).toContain('id="mail-unreachable"');
    });

    it('asks the reachable Communications holder (TN-02) instead of the one whose mail bounced', async () => {
      const { approvers } = await ask('facebook');
      expect(approvers).toEqual(['stf-communications2']);
    });

    it('with every holder unreachable, still asks one and tells operations: nothing is dropped', async () => {
      await setEmail('stf-communications2', 'complaint@simulator.amazonses.com');
      await sendThroughSet('complaint@simulator.amazonses.com');
      await poll(
        'the complaint to mark stf-communications2',
        async () => (await entryOf('stf-communications2')).mailUnreachable,
      );

      const { requestId, approvers } = await ask('x');
      expect(approvers).toEqual(['stf-communications']);
      const status = (await api.get('/ops/status.json', { as: 'operations' })).body;
      expect(status.mailFeedback.recent).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            subject: `REQUEST#${requestId}`,
            summary: expect.stringContaining('Casey Communications'),
          }),
        ]),
      );
      const told = await waitForEmail(
        runtime.endpoints,
        (e) => e.subject.startsWith('Asked although mail does not arrive') && (e.body.text ?? '').includes(requestId),
      );
      expect(told.destination.to).toEqual(['operations@agency.example']);
    });

    it('a new address clears the mark, audited; the person is asked again', async () => {
      await setEmail('stf-communications', 'casey.communications@agency.example');
      const entry = await entryOf('stf-communications');
      expect(entry.mailUnreachable).toBeUndefined();
      expect(entry.mailFeedback).toMatchObject({ kind: 'bounce' });
      const listed = (await api.get('/ops/status.json', { as: 'operations' })).body.mailFeedback.unreachable as Array<{
        staffId: string;
      }>;
      expect(listed.map((row) => row.staffId)).not.toContain('stf-communications');
      expect(listed.map((row) => row.staffId)).toContain('stf-communications2');
      const trail = await auditEntries(runtime.endpoints, 'STAFF#stf-communications');
      expect(trail).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'mail.unreachable-cleared',
            actorId: expect.stringContaining('scim'),
            details: expect.objectContaining({ email: 'bounce@simulator.amazonses.com', kind: 'bounce' }),
          }),
        ]),
      );
      // stf-communications2 is still unreachable; stf-communications is reachable again and sorts first anyway.
      const { requestId, approvers } = await ask('tiktok');
      expect(approvers).toEqual(['stf-communications']);
      const status = (await api.get('/ops/status.json', { as: 'operations' })).body;
      const subjects = (status.mailFeedback.recent as Array<{ subject: string }>).map((row) => row.subject);
      expect(subjects).not.toContain(`REQUEST#${requestId}`);
    });

    it('operations may end the mark once the mailbox is fixed: audited, once; then the person is asked again', async () => {
      const clear = (as: 'operations' | 'director') =>
        api.post('/ops/staff/stf-communications2/mail-reachable', { as });
      expect((await clear('director')).status).toBe(403);
      expect((await entryOf('stf-communications2')).mailUnreachable).toBeDefined();
      const cleared = await clear('operations');
      expect(cleared.status).toBe(200);
      expect(cleared.body).toEqual({ staffId: 'stf-communications2', cleared: true });
      expect((await entryOf('stf-communications2')).mailUnreachable).toBeUndefined();
      // A repeat changes nothing and audits nothing.
      expect((await clear('operations')).body).toEqual({ staffId: 'stf-communications2', cleared: false });
      const trail = await auditEntries(runtime.endpoints, 'STAFF#stf-communications2');
      const ends = trail.filter((entry) => entry.action === 'mail.unreachable-cleared');
      expect(ends).toEqual([
        expect.objectContaining({
          actorId: 'stf-operations',
          details: expect.objectContaining({ reason: 'operations', kind: 'complaint' }),
        }),
      ]);
      const listed = (await api.get('/ops/status.json', { as: 'operations' })).body.mailFeedback.unreachable as Array<{
        staffId: string;
      }>;
      expect(listed.map((row) => row.staffId)).not.toContain('stf-communications2');
      expect((await api.post('/ops/staff/stf-nobody/mail-reachable', { as: 'operations' })).status).toBe(404);
    });
  });
});
