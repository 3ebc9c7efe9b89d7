/**
 * Fault drills against the running system, through the local runtime's control port
 * (local/control.ts): SES stopped while incidents are reported, DynamoDB Local stopped and
 * restarted under a stream of writes and reads, and a workflow task that throws. Each must end
 * with nothing lost, nothing half-written, and failures that say so: 503 with the contract's
 * error body, a workflow's Catch path, a failure metric.
 */
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idForKey } from '../../shared/domain/idempotency.ts';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient, approvalLinkIn, mailbox, poll, waitForEmail } from '../support/api.ts';
import { inPool } from '../support/pool.ts';
import { repositoryRoot, startRuntime, type TestRuntime } from '../support/runtime.ts';
import { executionArnFor, executionHistory } from '../support/sfn.ts';
import { dynamoClient } from '../support/tables.ts';

const run = promisify(execFile);

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let accountId: string;
const survived: string[] = [];

const control = async (action: string) => {
  const response = await fetch(`${runtime.endpoints.control}/${action}`, { method: 'POST' });
  expect(response.status, `control ${action}`).toBe(204);
};

const finished = (machine: string, name: string) =>
  poll(
    `${machine} ${name} to finish`,
    async () => {
      const events = await executionHistory(runtime.endpoints, executionArnFor(runtime.endpoints, machine, name));
      const last = events.at(-1)?.type;
      return last && /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(last) ? events : undefined;
    },
    60_000,
  );

beforeAll(async () => {
  runtime = await startRuntime({ name: 'faults' });
  api = apiClient(runtime.endpoints);
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
  expect((await grant(runtime.endpoints, accountId, 'stf-staff')).status).toBe(201);
  // The approval's last email is sent after the account appears: let it go before SES is stopped.
  await finished('AccountApproval', accountId.replace(/^acc_/, 'req_'));
}, 180_000);
afterAll(async () => {
  console.log(`faults survived: ${survived.join('; ')}`);
  await runtime?.stop();
});

describe('SES outage', () => {
  it('incidents reported while SES is down are recorded at once, and every email arrives once SES is back', async () => {
    const incidents = 5;
    await control('ses/stop');
    const ids: string[] = [];
    try {
      for (let n = 0; n < incidents; n++) {
        const { status, body } = await api.post('/incidents', {
          as: 'staff',
          body: {
            accountId,
            type: 'inappropriate-activity',
            description: `outage drill ${n}`,
            observedAt: new Date(Date.now() - 60_000).toISOString(),
          },
        });
        expect(status).toBe(202);
        ids.push(body.incidentId);
      }
      // The business step stands and every workflow ends well: the mail went to the dead-letter queue.
      for (const id of ids) {
        expect((await api.get(`/incidents/${id}`, { as: 'director' })).body.status).toBe('notified');
        expect((await finished('Incident', id)).at(-1)?.type).toBe('ExecutionSucceeded');
      }
    } finally {
      await control('ses/start');
    }
    const about = (id: string) => (e: { body: { text?: string } }) => (e.body.text ?? '').includes(`/incidents/${id}`);
    expect((await mailbox(runtime.endpoints)).filter((e) => ids.some((id) => about(id)(e)))).toEqual([]);
    const { stdout } = await run(
      process.execPath,
      ['local/run-schedule.ts', 'mailRedelivery', '--data-dir', runtime.dataDir],
      { cwd: repositoryRoot },
    );
    expect(Number(/"delivered":(\d+)/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(incidents);
    const emails = await mailbox(runtime.endpoints);
    for (const id of ids) {
      const delivered = emails.filter(about(id));
      expect(delivered, `emails about ${id}`).toHaveLength(1);
      expect(delivered[0]!.destination.to).toEqual(
        expect.arrayContaining(['director@agency.example', 'administrator@agency.example']),
      );
    }
    // Nothing is left waiting: a second run finds nothing to send.
    const again = await run(
      process.execPath,
      ['local/run-schedule.ts', 'mailRedelivery', '--data-dir', runtime.dataDir],
      { cwd: repositoryRoot },
    );
    expect(again.stdout).toContain('"delivered":0');
    survived.push(
      `SES stopped during ${incidents} incidents → ${incidents} emails delivered after restart, none lost or doubled`,
    );
  });
});

describe('DynamoDB Local restarted mid-run', () => {
  it('answers 503 with the error body (never 500, never a hang), recovers, and leaves no contact half-written', async () => {
    const caseId = `case-outage-${randomUUID().slice(0, 8)}`;
    // A case system retries with the body it sent: a 503 can come after the write landed (the
    // answer was lost), and then only the same body gets the original 201 back, not a 409.
    const bodies = new Map<number, Record<string, unknown>>();
    const body = (n: number) => bodies.get(n) ?? bodies.set(n, newBody(n)).get(n)!;
    const newBody = (n: number) => ({
      caseId,
      accountId,
      workerId: 'stf-staff',
      workerName: 'Sky Caseworker',
      workerContact: { phone: '865-555-0142' },
      recipient: { handle: `facebook.com/outage.${n}`, verified: true },
      channel: 'private-message',
      direction: 'outbound',
      purpose: 'diligent-search',
      messageKind: 'conversation',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    interface Attempt {
      n: number;
      key: string;
      status: number;
      code: string | undefined;
      ms: number;
      phase: string;
    }
    const attempts: Attempt[] = [];
    let phase = 'before';
    let stop = false;
    let next = 0;
    const sendOne = async (): Promise<void> => {
      const n = next++;
      const key = `outage-${n}`;
      const current = phase;
      const started = performance.now();
      // Writes and reads interleaved, as a case system and a director's browser would keep sending.
      const response =
        n % 3 === 2
          ? await api.get(`/accounts/${accountId}`, { as: 'director' })
          : await api.post('/contacts', { as: 'caseSystem', body: body(n), headers: { 'idempotency-key': key } });
      attempts.push({
        n,
        key: n % 3 === 2 ? '' : key,
        status: response.status,
        code: response.body?.error?.code,
        ms: performance.now() - started,
        phase: current,
      });
    };
    // Eight clients, each sending again shortly after its answer (503s come back fast; no hot loop).
    const load = inPool(Array.from({ length: 8 }), 8, async () => {
      while (!stop) {
        await sendOne();
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await new Promise((r) => setTimeout(r, 2_000));
    phase = 'down';
    await control('dynamodb/stop');
    await new Promise((r) => setTimeout(r, 4_000));
    phase = 'restarting';
    await control('dynamodb/start');
    phase = 'after';
    await new Promise((r) => setTimeout(r, 4_000));
    stop = true;
    await load;

    const unexpected = attempts.filter(
      (a) => !(a.status === 201 || a.status === 200 || (a.status === 503 && a.code === 'ServiceUnavailable')),
    );
    expect(unexpected, 'every answer is a success or a clean 503').toEqual([]);
    const unavailable = attempts.filter((a) => a.status === 503);
    expect(unavailable.length, 'the outage was seen').toBeGreaterThan(0);
    const slowest = Math.max(...attempts.map((a) => a.ms));
    expect(slowest, "no answer waits past the SDK's retries").toBeLessThan(15_000);
    expect(
      attempts.filter((a) => a.phase === 'after').every((a) => a.status < 300),
      'recovered once DynamoDB Local is back',
    ).toBe(true);

    // No partial writes: each record is written whole, in the disposal bucket of the day it expires (CT-06).
    const items = await scanContacts();
    const written = items.filter((i) => i.sk?.S === 'RECORD' && i.caseId?.S === caseId);
    const records = new Set(written.map((i) => i.contactId!.S!));
    expect(written.filter((i) => !i.gsi4pk?.S?.startsWith('RETAIN#'))).toEqual([]);
    const callerId = runtime.endpoints.personas.caseSystem!.id;
    const writes = attempts.filter((a) => a.key);
    // Listed whole (phase, latency) so that a loss says when it happened: before, during or after the kill.
    const lost = writes.filter((a) => a.status === 201 && !records.has(idForKey('ctc', callerId, a.key)));
    expect(lost, 'every contact answered 201 is in the table').toEqual([]);

    // The case system retries what got 503: exactly one record per key, whatever happened before.
    const retried = writes.filter((a) => a.status === 503);
    const retries = await inPool(retried, 8, (a) =>
      api.post('/contacts', { as: 'caseSystem', body: body(a.n), headers: { 'idempotency-key': a.key } }),
    );
    expect(retries.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const after = await scanContacts();
    const finalRecords = after
      .filter((i) => i.sk?.S === 'RECORD' && i.caseId?.S === caseId)
      .map((i) => i.contactId!.S!);
    expect(new Set(finalRecords)).toEqual(new Set(writes.map((a) => idForKey('ctc', callerId, a.key))));
    expect(finalRecords).toHaveLength(writes.length);
    expect(
      after.filter((i) => i.sk?.S === 'RECORD' && i.caseId?.S === caseId && i.gsi4pk?.S?.startsWith('RETAIN#')),
    ).toHaveLength(writes.length);
    survived.push(
      `DynamoDB Local restarted under load → ${attempts.length} requests, ${unavailable.length} clean 503s, 0 500s, slowest ${Math.round(slowest)} ms, ${retried.length} retried writes each stored once`,
    );
  });
});

describe('a workflow task that throws', () => {
  it('runs the Catch path and counts TaskFailures', async () => {
    const { status, body } = await api.post('/account-requests', {
      as: 'director',
      body: {
        platform: 'instagram',
        purpose: 'client-contact',
        region: 'smoky-mountain',
        administratorId: 'stf-administrator',
        backupAdministratorId: 'stf-backup-administrator',
      },
    });
    expect(status).toBe(202);
    const requestId = body.requestId as string;
    const link = approvalLinkIn(
      await waitForEmail(
        runtime.endpoints,
        (e) => (e.body.text ?? '').includes(`Request: ${requestId}`) && e.subject.startsWith('Approve'),
      ),
    );
    // A data defect the provisioning task cannot get past: the region vanishes from the directory.
    const dynamo = dynamoClient(runtime.endpoints);
    const regionKey = { pk: { S: 'REGION#smoky-mountain' }, sk: { S: 'PROFILE' } };
    const { Item: region } = await dynamo.send(new GetItemCommand({ TableName: 'Directory', Key: regionKey }));
    expect(region).toBeDefined();
    const logBefore = (await readFile(runtime.logFile, 'utf8')).length;
    await dynamo.send(new DeleteItemCommand({ TableName: 'Directory', Key: regionKey }));
    try {
      expect(
        (
          await api.form(link.pathname, {
            token: link.searchParams.get('token')!,
            decision: 'approve',
            comment: 'fault drill',
          })
        ).status,
      ).toBe(200);
      const events = await finished('AccountApproval', requestId);
      const failedTask = events.find((e) => e.type === 'TaskFailed' || e.type === 'LambdaFunctionFailed');
      expect(failedTask, 'the provisioning task failed').toBeDefined();
      expect(JSON.stringify(failedTask)).toContain('RegionNotFound');
      const entered = events
        .filter((e) => e.type?.endsWith('StateEntered'))
        .map((e) => e.stateEnteredEventDetails?.name);
      expect(entered).toEqual(expect.arrayContaining(['ProvisionAccount', 'ApprovalFailed']));
      expect(events.at(-1)).toMatchObject({
        type: 'ExecutionFailed',
        executionFailedEventDetails: expect.objectContaining({ error: 'ApprovalFailed' }),
      });
    } finally {
      await dynamo.send(new PutItemCommand({ TableName: 'Directory', Item: region! }));
      dynamo.destroy();
    }
    // The embedded metric the alarm watches, from the task that threw.
    const log = (await readFile(runtime.logFile, 'utf8')).slice(logBefore);
    const metrics = log
      .split('\n')
      .filter((line) => line.startsWith('{"_aws"') && line.includes('"TaskFailures"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(metrics, 'a TaskFailures metric from ProvisionAccount in the runtime log').toContainEqual(
      expect.objectContaining({ TaskFailures: 1, task: 'ProvisionAccount' }),
    );
    survived.push('a task that threw (RegionNotFound) → Catch → ApprovalFailed, TaskFailures emitted');
  });
});

async function scanContacts(): Promise<Array<Record<string, AttributeValue>>> {
  const client = dynamoClient(runtime.endpoints);
  const items: Array<Record<string, AttributeValue>> = [];
  let cursor: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: 'Contacts', ExclusiveStartKey: cursor }));
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  client.destroy();
  return items;
}
