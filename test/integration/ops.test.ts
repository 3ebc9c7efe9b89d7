/**
 * Operations against the local runtime, as operations staff use them: the ops CLI (a child process,
 * exactly as `npm run ops -- … --local` runs it), the status page in Debian's Chromium, and the
 * `operationsMetrics` job's gauges read from its embedded-metric output.
 */
import { DescribeExecutionCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount } from '../support/accounts.ts';
import { apiClient, mailbox, poll, waitForEmail, type ApiResponse } from '../support/api.ts';
import { repositoryRoot, startRuntime, type TestRuntime } from '../support/runtime.ts';
import { executionArnFor, executionHistory, sfnClient } from '../support/sfn.ts';

const chromiumPath = '/usr/bin/chromium';
const screenshots = join(repositoryRoot, 'test-results', 'screenshots');
const run = promisify(execFile);
/** Something an incident's description holds that no operations view may show. */
const confidential = 'Jamie R., age 9, 14 Hollow Rd';
const failingExecution = 'ops-test-bad-input';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let browser: Browser | undefined;
let rotatedAccount: string;
let quietAccount: string;
let pendingRequest: string;
let rotationId: string;

/** Runs the ops CLI against this runtime; resolves with its exit code and output, whatever the code. */
async function ops(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['tools/ops.ts', ...args, '--local', '--data-dir', runtime.dataDir],
      { cwd: repositoryRoot },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The local runtime's fault-drill port (local/control.ts). */
const control = async (action: string) => {
  const response = await fetch(`${runtime.endpoints.control}/${action}`, { method: 'POST' });
  expect(response.status, `control ${action}`).toBe(204);
};

const opsJson = async <T = any>(...args: string[]): Promise<T> => {
  const result = await ops(...args, '--json');
  if (result.code !== 0) throw new Error(`ops ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
};

const executionStatus = async (name: string, machine = 'CredentialRotation') => {
  const sfn = sfnClient(runtime.endpoints);
  const described = await sfn.send(
    new DescribeExecutionCommand({ executionArn: executionArnFor(runtime.endpoints, machine, name) }),
  );
  sfn.destroy();
  return described;
};

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  runtime = await startRuntime({ name: 'ops' });
  api = apiClient(runtime.endpoints);
  [rotatedAccount, quietAccount] = await Promise.all([
    approvedAccount(runtime.endpoints, { platform: 'facebook' }),
    approvedAccount(runtime.endpoints, { platform: 'instagram' }),
  ]);

  // An approval that stays pending.
  const request = await api.post('/account-requests', {
    as: 'director',
    body: {
      platform: 'tiktok',
      purpose: 'client-contact',
      region: 'smoky-mountain',
      administratorId: 'stf-administrator',
      backupAdministratorId: 'stf-backup-administrator',
    },
  });
  expect(request.status).toBe(202);
  pendingRequest = request.body.requestId;

  // A rotation the administrator has not confirmed.
  expect(
    (
      await api.put(`/accounts/${rotatedAccount}/credential`, {
        as: 'administrator',
        body: { username: 'dcs.smoky.ops', password: 'Ops-Test-Initial-Password-1!' },
      })
    ).status,
  ).toBe(201);
  const rotation = await api.post(`/accounts/${rotatedAccount}/rotations`, { as: 'administrator', body: {} });
  expect(rotation.status).toBe(202);
  rotationId = rotation.body.rotationId;
  await waitForEmail(
    runtime.endpoints,
    (e) => e.subject.startsWith('Change the password') && (e.body.text ?? '').includes(rotationId),
  );

  // An incident that stays open until its hotline report.
  expect(
    (
      await api.post('/incidents', {
        as: 'administrator',
        body: {
          accountId: rotatedAccount,
          type: 'suspected-abuse-or-neglect',
          description: confidential,
          observedAt: new Date(Date.now() - 60_000).toISOString(),
        },
      })
    ).status,
  ).toBe(202);

  // An execution that fails reproducibly: its first task refuses the input (InvalidTaskInput, never retried).
  const sfn = sfnClient(runtime.endpoints);
  await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: `arn:aws:states:${runtime.endpoints.region}:000000000000:stateMachine:CredentialRotation`,
      name: failingExecution,
      input: JSON.stringify({
        accountId: 42,
        rotationId: 'not-a-rotation',
        schedule: { remindAfterSeconds: 60, escalateAfterSeconds: 60 },
      }),
    }),
  );
  sfn.destroy();
  await poll(
    'the bad-input execution to fail',
    async () => (await executionStatus(failingExecution)).status === 'FAILED',
  );

  if (existsSync(chromiumPath)) {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('ops CLI', () => {
  it('lists executions by workflow and status, as a table and as JSON', async () => {
    const failed = await opsJson<Array<{ workflow: string; name: string; status: string }>>(
      'executions',
      '--workflow',
      'CredentialRotation',
      '--status',
      'failed',
    );
    expect(failed).toEqual([
      expect.objectContaining({ workflow: 'CredentialRotation', name: failingExecution, status: 'FAILED' }),
    ]);

    const all = await opsJson<Array<{ workflow: string; name: string; status: string }>>('executions');
    expect(all).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ workflow: 'AccountApproval', name: pendingRequest, status: 'RUNNING' }),
        expect.objectContaining({ workflow: 'CredentialRotation', name: rotationId, status: 'RUNNING' }),
      ]),
    );

    const table = await ops('executions', '--workflow', 'credentialRotation');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^WORKFLOW\s+EXECUTION\s+STATUS\s+STARTED\s+DURATION$/m);
    expect(table.stdout).toMatch(new RegExp(`^CredentialRotation\\s+${failingExecution}\\s+FAILED\\s`, 'm'));

    const refused = await ops('executions', '--status', 'BROKEN');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--status is one of RUNNING, SUCCEEDED');
  });

  it("shows one execution's history as a timeline with error names, never its input", async () => {
    const timeline = await ops('timeline', `CredentialRotation:${failingExecution}`);
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).toContain(`${failingExecution}: FAILED`);
    expect(timeline.stdout).toMatch(/execution started/);
    expect(timeline.stdout).toMatch(/state entered\s+AssignTask/);
    expect(timeline.stdout).toMatch(/task failed\s+AssignTask\s+took .+error InvalidTaskInput/);
    expect(timeline.stdout).toMatch(/execution failed\s+took .+error InvalidTaskInput/);
    expect(timeline.stdout).not.toContain('not-a-rotation');

    const json = await opsJson<{ status: string; events: Array<{ event: string; state?: string; error?: string }> }>(
      'timeline',
      `CredentialRotation:${failingExecution}`,
    );
    expect(json.status).toBe('FAILED');
    expect(json.events.find((e) => e.event === 'task failed')).toMatchObject({
      state: 'AssignTask',
      error: 'InvalidTaskInput',
    });

    // A waiting approval: its callback task belongs to AwaitDecision even though the reminder branch's Wait came between.
    const approval = await opsJson<{ events: Array<{ event: string; state?: string }> }>(
      'timeline',
      `AccountApproval:${pendingRequest}`,
    );
    expect(approval.events.filter((e) => e.event === 'task submitted').map((e) => e.state)).toContain('AwaitDecision');
  });

  it('finds approvals pending longer than a threshold', async () => {
    const stuck = await opsJson<Array<{ requestId: string; platform: string; approversAsked: number }>>(
      'stuck-approvals',
      '--older-than',
      '0',
    );
    expect(stuck).toEqual([
      expect.objectContaining({ requestId: pendingRequest, platform: 'tiktok', approversAsked: 1 }),
    ]);
    expect(await opsJson('stuck-approvals', '--older-than', '7d')).toEqual([]);
    // Eight days on, the same request is stuck by the default threshold (7 days).
    const later = new Date(Date.now() + 8 * 86_400_000).toISOString();
    expect(
      (await opsJson<Array<{ requestId: string }>>('stuck-approvals', '--as-of', later)).map((r) => r.requestId),
    ).toEqual([pendingRequest]);

    const table = await ops('stuck-approvals', '--older-than', '0');
    expect(table.stdout).toMatch(new RegExp(`^${pendingRequest}\\s+tiktok\\s+smoky-mountain\\s+stf-director\\s`, 'm'));
    expect((await ops('stuck-approvals', '--older-than', 'soon')).code).toBe(2);
  });

  it('lists rotations due (no rotation open) and overdue (open past the date asked for)', async () => {
    const now = await opsJson<{ due: unknown[]; overdue: unknown[] }>('rotations');
    expect(now).toMatchObject({ due: [], overdue: [] });

    const later = '2100-01-01T00:00:00Z';
    const then = await opsJson<{
      due: Array<{ accountId: string }>;
      overdue: Array<{ accountId: string; rotationId: string; status: string }>;
    }>('rotations', '--as-of', later);
    // The rotated account has a rotation open, so it is overdue rather than due.
    expect(then.due.map((d) => d.accountId)).toEqual([quietAccount]);
    expect(then.overdue).toEqual([
      expect.objectContaining({ accountId: rotatedAccount, rotationId, status: 'pending' }),
    ]);

    const onlyOverdue = await opsJson<Record<string, unknown>>('rotations', '--overdue', '--as-of', later);
    expect(Object.keys(onlyOverdue).sort()).toEqual(['asOf', 'overdue']);
    const table = await ops('rotations', '--as-of', later);
    expect(table.stdout).toContain('Due (past the next rotation date, none open)');
    expect(table.stdout).toMatch(new RegExp(`^${rotatedAccount}\\s+${rotationId}\\s+on-demand\\s+pending\\s`, 'm'));
  });

  it('redrives a failed execution in place: it resumes at the state that failed (issue 19.7)', async () => {
    // The bad input is not fixed, so the redriven execution fails again at the same state, under the same ARN.
    const outcome = await opsJson<{ action: string; executionArn: string; refusal?: string }>(
      'redrive',
      `CredentialRotation:${failingExecution}`,
    );
    expect(outcome).toEqual({
      action: 'redriven',
      executionArn: executionArnFor(runtime.endpoints, 'CredentialRotation', failingExecution),
    });
    await poll('the redriven execution to fail again', async () => {
      const described = await executionStatus(failingExecution);
      return described.status === 'FAILED' && described.redriveCount === 1;
    });
    const events = await executionHistory(runtime.endpoints, outcome.executionArn);
    const redriven = events.findIndex((e) => e.type === 'ExecutionRedriven');
    expect(events[redriven + 1]).toMatchObject({
      type: 'TaskStateEntered',
      stateEnteredEventDetails: expect.objectContaining({ name: 'AssignTask' }),
    });
    expect(events.at(-1)?.type).toBe('ExecutionFailed');

    const again = await ops('redrive', `CredentialRotation:${failingExecution}`);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('it resumes from the state that failed');
    await poll('the second redrive to fail', async () => {
      const described = await executionStatus(failingExecution);
      return described.status === 'FAILED' && described.redriveCount === 2;
    });

    const running = await ops('redrive', `AccountApproval:${pendingRequest}`);
    expect(running.code).toBe(2);
    expect(running.stderr).toContain('is RUNNING; only a failed, timed-out or aborted execution can be redriven');
  });

  it('after the cause is fixed, a redrive resumes AT the failed state, runs no earlier state again, and succeeds (issue 19.7)', async () => {
    // A bad-standing departure: the leaver report goes out, then the workflow waits for HR/IT (TN-10).
    const reported = await api.post('/departures', {
      as: 'hr',
      body: { staffId: 'stf-staff', standing: 'bad', departedAt: new Date().toISOString() },
    });
    expect(reported.status).toBe(202);
    const { departureId } = reported.body as { departureId: string };
    const executionArn = executionArnFor(runtime.endpoints, 'Departure', departureId);
    const leaverReports = async () =>
      (await mailbox(runtime.endpoints)).filter(
        (e) => e.subject === 'Leaver report: Sky Caseworker' && (e.body.text ?? '').includes(' left on '),
      );
    await poll('the leaver report', async () => (await leaverReports()).length === 1);
    const scheduled = await poll('the wait for HR/IT', async () =>
      (await executionHistory(runtime.endpoints, executionArn)).find(
        (e) => e.type === 'TaskScheduled' && e.taskScheduledEventDetails?.parameters?.includes('taskToken'),
      ),
    );
    const { taskToken } = JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).Payload as {
      taskToken: string;
    };
    await poll('the callback to be submitted', async () =>
      (await executionHistory(runtime.endpoints, executionArn)).some((e) => e.type === 'TaskSubmitted'),
    );

    // The cause: DynamoDB is down when HR/IT's confirmation resumes the workflow, so RotateAccounts fails
    // once its retries are spent.
    await control('dynamodb/stop');
    try {
      const sfn = sfnClient(runtime.endpoints);
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ outcome: 'removed' }) }));
      sfn.destroy();
      await poll(
        'the departure workflow to fail at RotateAccounts',
        async () => {
          return (await executionStatus(departureId, 'Departure')).status === 'FAILED';
        },
        150_000,
      );
    } finally {
      // The fix: DynamoDB is back.
      await control('dynamodb/start');
    }
    const failedEvents = await executionHistory(runtime.endpoints, executionArn);
    const lastEntered = failedEvents.filter((e) => e.stateEnteredEventDetails).at(-1);
    expect(lastEntered?.stateEnteredEventDetails?.name).toBe('RotateAccounts');

    const redrive = await ops('redrive', `Departure:${departureId}`);
    expect(redrive.code).toBe(0);
    expect(redrive.stdout).toBe(`Redriven ${executionArn}: it resumes from the state that failed.\n`);
    const done = await poll(
      'the redriven departure to succeed',
      async () => {
        const described = await executionStatus(departureId, 'Departure');
        return described.status === 'SUCCEEDED' ? described : undefined;
      },
      60_000,
    );
    expect(done).toMatchObject({ executionArn, redriveCount: 1, redriveStatus: 'NOT_REDRIVABLE' });

    const events = await executionHistory(runtime.endpoints, executionArn);
    expect(events.slice(0, failedEvents.length)).toEqual(failedEvents);
    const after = events.slice(failedEvents.length);
    expect(after[0]).toMatchObject({ type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount: 1 } });
    expect(after.filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails!.name)).toEqual([
      'RotateAccounts',
      'SendCompletionReport',
      'DepartureCompleted',
    ]);
    // SendLeaverReport ran once: the directors got one "left on" report and, now, the completion report.
    expect(await leaverReports()).toHaveLength(1);
    await waitForEmail(
      runtime.endpoints,
      (e) => e.subject === 'Leaver report: Sky Caseworker' && (e.body.text ?? '').includes('is complete'),
    );
    expect((await api.get(`/departures/${departureId}`, { as: 'hr' })).body).toMatchObject({ status: 'completed' });
  }, 240_000);
});

describe('status page (operations)', () => {
  let status: ApiResponse;

  it("serves the status as JSON to the operations role only, with the request's correlation id", async () => {
    status = await api.get('/ops/status.json', {
      as: 'operations',
      headers: { 'x-correlation-id': 'ops-status-check-1' },
    });
    expect(status.status).toBe(200);
    expect(status.headers.get('x-correlation-id')).toBe('ops-status-check-1');
    expect(status.body).toMatchObject({
      approvals: { total: 1, oldest: [expect.objectContaining({ requestId: pendingRequest })] },
      rotations: { due: 0, overdue: 0 },
      incidents: { open: 1 },
      departures: { open: 0 },
    });
    const rotation = status.body.workflows.find(
      (w: { stateMachine: string }) => w.stateMachine === 'CredentialRotation',
    );
    // One failed execution: redriven in place twice, never restarted under a new name (issue 19.7).
    expect(rotation).toMatchObject({ health: 'failing', running: 1, started: { FAILED: 1 } });
    expect(status.text).not.toContain(confidential);

    expect((await api.get('/ops/status.json', { as: 'director' })).status).toBe(403);
    // Without a usable id of its own, a client gets API Gateway's request id back.
    const unusable = await api.get('/ops/status.json', {
      as: 'operations',
      headers: { 'x-correlation-id': '<script>' },
    });
    expect(unusable.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  // The page is behind the API's bearer token, which a browser cannot add to a navigation. The
  // test intercepts requests to the API's own origin and adds the header, so Chromium loads the
  // real response with its real headers: the CSP is enforced as it would be for a person.
  it.skipIf(!existsSync(chromiumPath))('renders in Chromium under the page CSP and shows the numbers', async () => {
    const page = await browser!.newPage();
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
    });
    const token = runtime.endpoints.tokens.operations!;
    await page.route(`${runtime.endpoints.api}/ops/**`, (route) =>
      route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${token}` } }),
    );
    const response = await page.goto(`${runtime.endpoints.api}/ops/status`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");

    await expect(page.locator('h1').textContent()).resolves.toBe('Operations status');
    await expect(page.locator('#pending-approvals').textContent()).resolves.toBe('1');
    await expect(page.locator('#rotations-overdue').textContent()).resolves.toBe('0');
    await expect(page.locator('#open-incidents').textContent()).resolves.toBe('1');
    await expect(page.locator('#approval-ages tr[data-band="under 1 day"] td').textContent()).resolves.toBe('1');
    await expect(page.locator('#oldest-approvals').textContent()).resolves.toContain(pendingRequest);
    const rotationRow = page.locator('#workflow-CredentialRotation');
    await expect(rotationRow.getAttribute('data-health')).resolves.toBe('failing');
    await expect(rotationRow.getAttribute('data-failed')).resolves.toBe('1');
    await expect(rotationRow.getAttribute('data-running')).resolves.toBe('1');
    await expect(page.locator('#workflow-AccountApproval').getAttribute('data-succeeded')).resolves.toBe('2');

    const chart = page.locator('#executions-chart');
    await expect(chart.isVisible()).resolves.toBe(true);
    const charted = status.body.executionsPerDay.reduce((sum: number, d: { total: number }) => sum + d.total, 0);
    await expect(chart.getAttribute('data-total')).resolves.toBe(String(charted));
    await expect(chart.locator('g.day').count()).resolves.toBe(14);
    // The inline stylesheet applied (allowed by its hash): failing health is drawn in red.
    await expect(
      page
        .locator('#workflow-CredentialRotation td.failing')
        .evaluate(
          (cell) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(cell).color,
        ),
    ).resolves.toBe('rgb(180, 35, 24)');
    await expect(page.content()).resolves.not.toContain(confidential);
    expect(refusals).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'ops-status.png'), fullPage: true });
    await page.close();
  });
});

describe('operationsMetrics job', () => {
  it('publishes the gauges as one embedded-metric record (namespace OfficialAccounts, service dimension)', async () => {
    const { stdout } = await run(
      process.execPath,
      ['local/run-schedule.ts', 'operationsMetrics', '--data-dir', runtime.dataDir],
      { cwd: repositoryRoot },
    );
    const records = stdout
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"_aws"'))
      .map((line) => JSON.parse(line));
    expect(records).toHaveLength(1);
    const [record] = records;
    const [directive] = record._aws.CloudWatchMetrics;
    expect(directive.Namespace).toBe('OfficialAccounts');
    expect(directive.Dimensions).toEqual([['service']]);
    expect(record.service).toBe('official-accounts');
    expect(directive.Metrics.map((m: { Name: string }) => m.Name).sort()).toEqual([
      'OldestPendingApprovalAgeHours',
      'OpenDepartures',
      'OpenIncidents',
      'PendingApprovals',
      'RotationsDue',
      'RotationsOverdue',
    ]);
    expect(record).toMatchObject({
      PendingApprovals: 1,
      RotationsDue: 0,
      RotationsOverdue: 0,
      OpenIncidents: 1,
      OpenDepartures: 0,
    });
    expect(record.OldestPendingApprovalAgeHours).toBeGreaterThanOrEqual(0);
  });
});
