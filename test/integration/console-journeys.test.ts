/**
 * The console's remaining journeys in Chromium (issue 18): HR's acknowledgments and departure corrections,
 * records and legal, oversight, operations. One local runtime for them all; axe-core on every page;
 * screenshots to docs/screenshots/.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../shared/tables.ts';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient, approvalLinkIn, poll, waitForEmail } from '../support/api.ts';
import {
  chromiumPath,
  launchChromium,
  screenshot,
  seriousViolations,
  signInIfAsked,
  uiTimeout,
} from '../support/browser.ts';
import { repositoryRoot, startRuntime, type TestRuntime } from '../support/runtime.ts';
import { executionArnFor, executionHistory, sfnClient } from '../support/sfn.ts';
import { dynamoClient } from '../support/tables.ts';

let runtime: TestRuntime;
let browser: Browser;
let accountId: string;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'console-journeys' });
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
  if (existsSync(chromiumPath)) browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

/** A fresh browser context signed in as `persona`, on the console's home page. */
async function signedIn(persona: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(uiTimeout);
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) throw new Error(message.text());
  });
  await page.goto(runtime.endpoints.console);
  await signInIfAsked(page, persona, runtime.endpoints.console);
  await page.getByRole('heading', { level: 1, name: 'What needs me' }).waitFor();
  return page;
}

const today = () => new Date().toISOString().slice(0, 10);

describe.skipIf(!existsSync(chromiumPath))('HR in the console', () => {
  it('records an acknowledgment with the training date (CT-08, CT-09)', async () => {
    const hr = await signedIn('hr');
    await hr.getByRole('link', { name: 'Record an acknowledgment' }).click();
    await hr.getByRole('heading', { level: 1, name: 'Record an acknowledgment' }).waitFor();
    await hr.getByLabel('Staff id').fill('stf-staff2');
    await hr.getByLabel('Policy acknowledged on').fill(today());
    // The training date is required (CT-09): the browser will not submit without it.
    await hr.getByRole('button', { name: 'Record the acknowledgment' }).click();
    await expect(
      hr
        .getByLabel('Training completed on')
        .evaluate((e) => (e as unknown as { validity: { valid: boolean } }).validity.valid),
    ).resolves.toBe(false);
    await hr.getByLabel('Training completed on').fill(today());
    await hr.getByLabel('Signed document reference').fill('HR-2026-0107');
    expect(await seriousViolations(hr)).toEqual([]);
    await hr.getByLabel('Signed document reference').press('Enter');
    await hr.getByText('Acknowledgment of stf-staff2 recorded').waitFor();
    expect(await seriousViolations(hr)).toEqual([]);
    await screenshot(hr, 'acknowledgment');
    // A date ahead is refused by the API and shown, nothing recorded.
    const ahead = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await hr.getByLabel('Staff id').fill('stf-staff3');
    await hr.getByLabel('Policy acknowledged on').fill(ahead);
    await hr.getByLabel('Training completed on').fill(today());
    await hr.getByRole('button', { name: 'Record the acknowledgment' }).click();
    await hr.getByRole('alert').waitFor();
    await hr.context().close();
  }, 120_000);

  it("corrects a departure's standing and reinstates a person recorded in error (TN-10)", async () => {
    const hr = await signedIn('hr');
    await hr.getByRole('link', { name: 'Report a departure' }).click();
    await hr.getByLabel('Staff id of the person who left').fill('stf-staff3');
    await hr.getByRole('button', { name: 'Report the departure' }).click();
    await hr.getByRole('heading', { level: 1, name: 'Departure of stf-staff3' }).waitFor();
    const departureId = new URL(hr.url()).pathname.split('/').pop()!;
    await hr.getByLabel('Why the standing is bad').fill('Dismissed for cause; the first report was wrong.');
    await hr.getByRole('button', { name: 'Correct the standing to bad' }).click();
    await hr.locator('#standing-corrections', { hasText: 'from good to bad' }).waitFor();
    expect(await seriousViolations(hr)).toEqual([]);
    await screenshot(hr, 'departure-corrections');
    await hr.getByLabel('Why the departure was recorded in error').fill('Wrong person: stf-staff3 still works here.');
    await hr.getByRole('button', { name: 'Reinstate stf-staff3' }).click();
    await hr.locator('#departure-status[data-status="reinstated"]').waitFor();
    await expect(hr.locator('#reinstated').textContent()).resolves.toContain('Wrong person');
    expect(await seriousViolations(hr)).toEqual([]);
    const view = await apiClient(runtime.endpoints).get(`/departures/${departureId}`, { as: 'hr' });
    expect(view.body).toMatchObject({ status: 'reinstated', standing: 'bad' });
    expect(view.body.standingCorrections).toMatchObject([{ from: 'good', to: 'bad' }]);
    await hr.context().close();
  }, 120_000);
});

describe.skipIf(!existsSync(chromiumPath))('records and legal in the console', () => {
  const caseId = 'case-journeys';
  let contactId: string;

  beforeAll(async () => {
    expect((await grant(runtime.endpoints, accountId, 'stf-staff')).status).toBe(201);
    const recorded = await apiClient(runtime.endpoints).post('/contacts', {
      as: 'caseSystem',
      body: {
        caseId,
        accountId,
        workerId: 'stf-staff',
        workerName: 'Sky Caseworker',
        workerContact: { email: 'sky.caseworker@agency.example' },
        recipient: { handle: 'facebook.com/jamie.r', verified: true },
        channel: 'private-message',
        direction: 'outbound',
        purpose: 'diligent-search',
        messageKind: 'conversation',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        summary: 'Talked with the aunt about a visit.',
      },
    });
    expect(recorded.status).toBe(201);
    contactId = recorded.body.contactId;
  }, 60_000);

  it("a supervisor reads a case's contact records and the transcripts it owes (TN-12)", async () => {
    const supervisor = await signedIn('supervisor');
    await supervisor.getByRole('link', { name: 'Records requests' }).click();
    await supervisor.getByRole('heading', { level: 1, name: 'Records requests' }).waitFor();
    await supervisor.getByLabel('Id', { exact: true }).fill(caseId);
    await supervisor.getByRole('button', { name: 'Show the records' }).click();
    await expect(supervisor.locator('#contacts').textContent()).resolves.toContain(contactId);
    // The conversation was recorded without its transcript: the case owes it (TN-12).
    await expect(supervisor.locator('#transcripts-owed').textContent()).resolves.toContain(contactId);
    await screenshot(supervisor, 'contacts-by-case');
    expect(await seriousViolations(supervisor)).toEqual([]);
    await supervisor.context().close();
  }, 120_000);

  it("a supervisor's home lists the transcripts their workers owe and links the case's records (TN-12)", async () => {
    const supervisor = await signedIn('supervisor');
    const owed = supervisor.locator('[data-work="transcripts"]');
    await expect(owed.textContent()).resolves.toContain(`${contactId}: case ${caseId}, stf-staff`);
    expect(await seriousViolations(supervisor)).toEqual([]);
    await owed.scrollIntoViewIfNeeded();
    await screenshot(supervisor, 'home-transcripts-owed');
    await owed.getByRole('link', { name: `Records of case ${caseId}` }).click();
    await supervisor.getByRole('heading', { level: 1, name: 'Records requests' }).waitFor();
    expect(await supervisor.getByLabel('Id', { exact: true }).inputValue()).toBe(caseId);
    await supervisor.getByRole('button', { name: 'Show the records' }).click();
    await expect(supervisor.locator('#transcripts-owed').textContent()).resolves.toContain(contactId);
    await supervisor.context().close();
    // The same list as data; nobody else's home carries it.
    const work = await apiClient(runtime.endpoints).get('/me/work', { as: 'supervisor' });
    expect(work.body.transcripts).toEqual([
      expect.objectContaining({ contactId, caseId, workerId: 'stf-staff', occurredAt: expect.any(String) }),
    ]);
    for (const persona of ['director', 'staff', 'operations'])
      expect((await apiClient(runtime.endpoints).get('/me/work', { as: persona })).body.transcripts).toEqual([]);
  }, 120_000);

  it('operations read the disposals of a day: what the scheduled job disposed of, by kind and id (CT-06)', async () => {
    // An audit entry eight years old on an account no hold covers: the disposal job disposes of it today.
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.aws.dynamodb,
      AWS_REGION: runtime.endpoints.region,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      POLICY_PROFILE: 'tn-dcs',
      ...Object.fromEntries(Object.values(tables).map((table) => [table.envVar, table.logicalId])),
    });
    const { appendAudit } = await import('../../shared/adapters/audit.ts');
    // Written through its chain (issue 21.1), as every entry is.
    const old = await appendAudit({
      subject: 'ACCOUNT#acc_disposed00000000000000',
      action: 'test.old',
      actorId: 'stf-staff',
      at: new Date(Date.now() - 8 * 365 * 86_400_000).toISOString(),
    });
    const dynamo = DynamoDBDocumentClient.from(dynamoClient(runtime.endpoints));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['local/run-schedule.ts', 'contactDisposal', '--data-dir', runtime.dataDir],
      { cwd: repositoryRoot },
    );
    expect(stdout).toContain('contactDisposal: ');
    // Disposed of as content, kept in its chain as a tombstone (issue 21.5).
    const { Item: disposed } = await dynamo.send(
      new GetCommand({ TableName: tables.audit.logicalId, Key: { pk: old.pk, sk: old.sk } }),
    );
    expect(disposed).toMatchObject({ type: 'audit-tombstone' });
    expect(disposed).not.toHaveProperty('action');
    dynamo.destroy();

    const ops = await signedIn('operations');
    await ops.getByRole('link', { name: 'Litigation holds' }).click();
    await ops.getByRole('heading', { name: 'Disposals by day' }).waitFor();
    await ops.getByLabel('Day (UTC)').fill(new Date().toISOString().slice(0, 10));
    await ops.getByRole('button', { name: 'Show disposals' }).click();
    const disposals = ops.locator('#disposals');
    await expect(disposals.textContent()).resolves.toContain(`audit-entry ${old.pk}#${old.sk}`);
    expect(await seriousViolations(ops)).toEqual([]);
    await screenshot(ops, 'disposals-by-day');
    // A day with none says so; a malformed day is refused by the form before any request.
    await ops.getByLabel('Day (UTC)').fill('2001-01-01');
    await ops.getByRole('button', { name: 'Show disposals' }).click();
    await ops.getByText('No record was disposed of that day.').waitFor();
    await ops.context().close();
    expect((await apiClient(runtime.endpoints).get('/disposals?date=yesterday', { as: 'operations' })).status).toBe(
      400,
    );
    expect((await apiClient(runtime.endpoints).get('/disposals?date=2001-01-01', { as: 'director' })).status).toBe(403);
  }, 120_000);

  it('operations export a case as CSV with the request reference; the token stays out of every URL (CT-06)', async () => {
    const ops = await signedIn('operations');
    const urls: string[] = [];
    let exportAuthorization: string | undefined;
    ops.on('request', (request) => {
      urls.push(request.url());
      if (request.url().includes('/contacts/export')) exportAuthorization = request.headers().authorization;
    });
    await ops.getByRole('link', { name: 'Records requests' }).click();
    const form = ops.locator('form', { has: ops.getByRole('button', { name: 'Export contact records' }) });
    await form.getByLabel('Id', { exact: true }).fill(caseId);
    await form.getByLabel('Format').selectOption('csv');
    await form.getByLabel('Request reference').fill('FOIA-2026-0193');
    expect(await seriousViolations(ops)).toEqual([]);
    await screenshot(ops, 'records');
    const [file] = await Promise.all([
      ops.waitForEvent('download'),
      ops.getByRole('button', { name: 'Export contact records' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`${caseId}.csv`);
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('contactId');
    expect(csv).toContain(contactId);
    await ops.getByText(/^Exported to case-journeys\.csv/).waitFor();
    expect(exportAuthorization).toMatch(/^Bearer \S+/);
    const token = exportAuthorization!.slice('Bearer '.length);
    expect(urls.filter((url) => url.includes(token) || /token=/i.test(url))).toEqual([]);
    expect(urls.find((url) => url.includes('/contacts/export'))).toContain('requestReference=FOIA-2026-0193');

    // The other records of the account, as NDJSON.
    const records = ops.locator('form', { has: ops.getByRole('button', { name: 'Export other records' }) });
    await records.getByLabel('Id', { exact: true }).fill(accountId);
    await records.getByLabel('Request reference').fill('FOIA-2026-0193');
    const [ndjson] = await Promise.all([
      ops.waitForEvent('download'),
      ops.getByRole('button', { name: 'Export other records' }).click(),
    ]);
    const lines = (await readFile((await ndjson.path())!, 'utf8')).trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map((line) => JSON.parse(line)).some((r) => JSON.stringify(r).includes(accountId))).toBe(true);
    expect(await seriousViolations(ops)).toEqual([]);
    await ops.context().close();
  }, 120_000);

  it("the records officer downloads an account's contact records as a signed bundle that verifies offline", async () => {
    const { verifyBundle } = await import('../../shared/domain/audit-bundle.ts');
    const officer = await signedIn('recordsOfficer');
    await officer.getByRole('link', { name: 'Records requests' }).click();
    const form = officer.locator('form', { has: officer.getByRole('button', { name: 'Export contact records' }) });
    await form.getByLabel('Records of').selectOption('accountId');
    await form.getByLabel('Id', { exact: true }).fill(accountId);
    await form.getByLabel('Format').selectOption('bundle');
    await form.getByLabel('Request reference').fill('FOIA-2026-0214');
    expect(await seriousViolations(officer)).toEqual([]);
    await screenshot(officer, 'records-bundle');
    const [file] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('button', { name: 'Export contact records' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`${accountId}.bundle.json`);
    const text = await readFile((await file.path())!, 'utf8');
    expect(verifyBundle(text)).toMatchObject({ ok: true, chain: `ACCOUNT#${accountId}` });
    expect(JSON.parse(text).files['records.ndjson']).toContain(contactId);
    await officer.getByText(/^Exported to .*\.bundle\.json/).waitFor();
    // A case spans accounts and so chains: the form says why it cannot be one bundle.
    await form.getByLabel('Records of').selectOption('caseId');
    await form.getByLabel('Id', { exact: true }).fill(caseId);
    await officer.getByRole('button', { name: 'Export contact records' }).click();
    await officer.getByText(/a bundle covers one account's audit chain/).waitFor();
    expect(await seriousViolations(officer)).toEqual([]);
    await officer.context().close();
  }, 120_000);
});

describe.skipIf(!existsSync(chromiumPath))('oversight in the console', () => {
  it('suspends an account with the reason, a grant is then refused, and reinstates it (DC-01)', async () => {
    const oversight = await signedIn('oversight');
    await oversight.getByRole('link', { name: 'Oversight' }).click();
    await oversight.getByRole('heading', { level: 1, name: 'Oversight' }).waitFor();
    const region = (await apiClient(runtime.endpoints).get(`/accounts/${accountId}`, { as: 'director' })).body.region;
    await oversight.getByLabel('Region').fill(region);
    await oversight.getByRole('button', { name: 'Show the accounts' }).click();
    const row = oversight.locator(`#oversight-accounts tr[data-account="${accountId}"]`);
    await row.getByLabel(/^Why .* is suspended$/).fill('Posts under review by the inspector general.');
    await row.getByRole('button', { name: /^Suspend / }).click();
    await oversight.locator(`#oversight-accounts tr[data-account="${accountId}"][data-status="suspended"]`).waitFor();
    expect(await seriousViolations(oversight)).toEqual([]);
    await screenshot(oversight, 'oversight');
    const refused = await grant(runtime.endpoints, accountId, 'stf-staff3');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('DC-01');
    const trail = await apiClient(runtime.endpoints).get(`/accounts/${accountId}/audit`, { as: 'oversight' });
    const suspended = trail.body.items.find((e: { action: string }) => e.action === 'account.suspended');
    expect(suspended).toMatchObject({ actorId: 'stf-oversight' });

    await row.getByLabel(/^Why .* is reinstated$/).fill('Review closed; no finding.');
    // Submitted from the keyboard: Tab to the button, Enter.
    await row.getByLabel(/^Why .* is reinstated$/).press('Tab');
    await oversight.keyboard.press('Enter');
    await oversight.locator(`#oversight-accounts tr[data-account="${accountId}"][data-status="active"]`).waitFor();
    expect((await apiClient(runtime.endpoints).get(`/accounts/${accountId}`, { as: 'director' })).body.status).toBe(
      'active',
    );
    expect(await seriousViolations(oversight)).toEqual([]);
    await oversight.context().close();
  }, 120_000);
});

describe.skipIf(!existsSync(chromiumPath))('operations in the console', () => {
  it("lists a workflow's executions and reads one's timeline, without its data", async () => {
    const ops = await signedIn('operations');
    await ops.getByRole('link', { name: 'Operations status' }).click();
    await ops.getByRole('heading', { name: 'Executions' }).waitFor();
    await ops.getByLabel('Workflow').selectOption('accountApproval');
    await ops.getByLabel('Status').selectOption('SUCCEEDED');
    await ops.getByRole('button', { name: 'Show executions' }).click();
    const rows = ops.locator('#executions tbody tr');
    await rows.first().waitFor();
    const listed = await apiClient(runtime.endpoints).get('/ops/executions?workflow=accountApproval&status=SUCCEEDED', {
      as: 'operations',
    });
    expect(listed.status).toBe(200);
    expect(await rows.count()).toBe(listed.body.items.length);
    expect(listed.body.items.every((e: { status: string }) => e.status === 'SUCCEEDED')).toBe(true);
    expect(await seriousViolations(ops)).toEqual([]);
    await screenshot(ops, 'operations-executions');
    const name = listed.body.items[0].name as string;
    await ops.locator('#executions').getByRole('link', { name, exact: true }).click();
    await ops.getByRole('heading', { level: 1, name: `Execution ${name}` }).waitFor();
    await ops.locator('#execution-status[data-status="SUCCEEDED"]').waitFor();
    await expect(ops.locator('#timeline').textContent()).resolves.toContain('execution succeeded');
    expect(await seriousViolations(ops)).toEqual([]);
    await screenshot(ops, 'execution-timeline');
    // The timeline holds names and times only: nothing of the request the execution carried.
    const timeline = await apiClient(runtime.endpoints).get(`/ops/executions/accountApproval/${name}`, {
      as: 'operations',
    });
    expect(JSON.stringify(timeline.body)).not.toMatch(/"input"|"output"|displayName|aboutText/);
    const missing = await apiClient(runtime.endpoints).get('/ops/executions/accountApproval/no-such-execution', {
      as: 'operations',
    });
    expect(missing.status).toBe(404);
    expect((await apiClient(runtime.endpoints).get('/ops/executions?workflow=nope', { as: 'operations' })).status).toBe(
      400,
    );
    expect(
      (await apiClient(runtime.endpoints).get('/ops/executions?workflow=accountApproval', { as: 'director' })).status,
    ).toBe(403);
    await ops.context().close();
  }, 120_000);
});

describe.skipIf(!existsSync(chromiumPath))('finding a person for the grant form (issue 18)', () => {
  it('a director finds staff by name or email, picks one by keyboard and grants; leavers are never found', async () => {
    const director = await signedIn('director');
    await director.goto(`${runtime.endpoints.console}accounts/${accountId}`);
    await director.getByRole('heading', { name: 'Grant access' }).waitFor();
    const search = director.getByLabel('Find a person by name or email');
    await search.fill('robin');
    await search.press('Enter');
    const robin = director.getByRole('button', { name: 'Robin Caseworker', exact: true });
    await robin.waitFor();
    await expect(director.locator('#staffId-search-results').textContent()).resolves.toContain('staff2@agency.example');
    expect(await seriousViolations(director)).toEqual([]);
    await robin.scrollIntoViewIfNeeded();
    await screenshot(director, 'grant-staff-search');
    await robin.focus();
    await director.keyboard.press('Enter');
    expect(await director.getByLabel('Staff id').inputValue()).toBe('stf-staff2');
    expect(await director.locator('#staffId:focus').count()).toBe(1);
    const until = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await director.getByLabel('Until', { exact: false }).fill(until);
    await director.getByRole('button', { name: 'Grant access' }).click();
    await director.getByText('Access granted to stf-staff2.').waitFor();
    await director.context().close();
    expect(
      (await apiClient(runtime.endpoints).delete(`/accounts/${accountId}/grants/stf-staff2`, { as: 'director' }))
        .status,
    ).toBe(204);

    const lookup = async (q: string, as = 'director') =>
      apiClient(runtime.endpoints).get(`/staff/lookup?${new URLSearchParams({ q })}`, { as });
    const names = async (q: string) =>
      ((await lookup(q)).body.items as Array<{ name: string }>).map((person) => person.name);
    // By surname and by email prefix, in the director's region only, by name.
    expect(await names('Caseworker')).toEqual(['Jordan Caseworker', 'Robin Caseworker', 'Sky Caseworker']);
    expect(await names('staff2@')).toEqual(['Robin Caseworker']);
    expect(await names('Orion')).toEqual([]);
    // A leaver is never found; reinstated, they are again.
    const departed = await apiClient(runtime.endpoints).post('/departures', {
      as: 'hr',
      body: { staffId: 'stf-staff3', standing: 'good', departedAt: new Date().toISOString() },
    });
    expect(departed.status).toBe(202);
    expect(await names('Caseworker')).toEqual(['Robin Caseworker', 'Sky Caseworker']);
    expect(await names('jordan')).toEqual([]);
    const reinstated = await apiClient(runtime.endpoints).post(`/departures/${departed.body.departureId}/reinstate`, {
      as: 'hr',
      body: { reason: 'Recorded in error by the staff lookup test.' },
    });
    expect(reinstated.status).toBe(200);
    expect(await names('jordan')).toEqual(['Jordan Caseworker']);
    // Only the roles whose forms name a person; a bad query is a 400.
    expect((await lookup('Caseworker', 'designee')).status).toBe(200);
    expect((await lookup('Caseworker', 'staff')).status).toBe(403);
    expect((await lookup('Caseworker', 'operations')).status).toBe(403);
    expect((await lookup('a')).status).toBe(400);

    // The account request form finds its administrators the same way (each search labelled for its field).
    const designee = await signedIn('designee');
    await designee.getByRole('link', { name: 'Request an account' }).click();
    const administrator = designee.getByLabel('Find the administrator by name or email');
    await administrator.fill('avery');
    await administrator.press('Enter');
    await designee.getByRole('button', { name: 'Avery Administrator', exact: true }).click();
    expect(await designee.getByLabel('Administrator (staff id)', { exact: true }).inputValue()).toBe(
      'stf-administrator',
    );
    const backup = designee.getByLabel('Find the back-up administrator by name or email');
    await backup.fill('backupadministrator@');
    await backup.press('Enter');
    await designee.getByRole('button', { name: 'Blake Backup', exact: true }).click();
    expect(await designee.getByLabel('Back-up administrator (staff id)').inputValue()).toBe('stf-backup-administrator');
    expect(await seriousViolations(designee)).toEqual([]);
    await designee.context().close();
  }, 120_000);
});

describe.skipIf(!existsSync(chromiumPath))('operations redrive in the console (issue 18, 19.7)', () => {
  it('redrives an aborted execution after a confirmation; a repeat answers its status; audited', async () => {
    // A request whose approval workflow operations stopped: it is ABORTED, waiting in Deliberate.
    const request = await apiClient(runtime.endpoints).post('/account-requests', {
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
    const name = request.body.requestId as string;
    const executionArn = executionArnFor(runtime.endpoints, 'AccountApproval', name);
    const sfn = sfnClient(runtime.endpoints);
    await poll('the approval to wait for a decision', async () =>
      (await executionHistory(runtime.endpoints, executionArn)).some((e) => e.type === 'TaskSubmitted'),
    );
    await sfn.send(new StopExecutionCommand({ executionArn, error: 'OperatorStopped', cause: 'a drill' }));
    const path = `/ops/executions/accountApproval/${name}`;
    const before = await apiClient(runtime.endpoints).get(path, { as: 'operations' });
    expect(before.body).toMatchObject({ status: 'ABORTED', redriveCount: 0, redrivable: true });

    const ops = await signedIn('operations');
    await ops.goto(`${runtime.endpoints.console}operations/executions/accountApproval/${name}`);
    await ops.locator('#execution-status[data-status="ABORTED"]').waitFor();
    await ops.getByRole('button', { name: 'Redrive', exact: true }).click();
    const question = ops.getByRole('group', { name: `Redrive ${name} now?` });
    await question.waitFor();
    // Focus moves to the question, so keyboard and screen-reader users land on it.
    expect(await ops.locator('#redrive-confirm:focus').count()).toBe(1);
    expect(await seriousViolations(ops)).toEqual([]);
    await screenshot(ops, 'execution-redrive-confirm');
    // Cancel asks nothing of the API; the question goes.
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    expect((await apiClient(runtime.endpoints).get(path, { as: 'operations' })).body.status).toBe('ABORTED');

    await ops.getByRole('button', { name: 'Redrive', exact: true }).click();
    await ops.getByRole('button', { name: 'Yes, redrive it' }).click();
    await ops.getByText(`Redriven: ${name} is running again from the state that failed.`).waitFor();
    await ops.locator('#execution-status[data-status="RUNNING"]').waitFor();
    await expect(ops.locator('#timeline').textContent()).resolves.toContain('execution redriven');
    expect(await seriousViolations(ops)).toEqual([]);
    await screenshot(ops, 'execution-redriven');
    await ops.context().close();

    // It resumed in Deliberate, where it stopped: OpenRound did not run again.
    const events = await executionHistory(runtime.endpoints, executionArn);
    const redriven = events.findIndex((e) => e.type === 'ExecutionRedriven');
    expect(events[redriven + 1]?.stateEnteredEventDetails?.name).toBe('Deliberate');
    expect(events.filter((e) => e.stateEnteredEventDetails?.name === 'OpenRound')).toHaveLength(1);

    // Idempotent: already running again, a repeat redrives nothing and says so.
    const again = await apiClient(runtime.endpoints).post(`${path}/redrive`, { as: 'operations' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      workflow: 'accountApproval',
      name,
      status: 'RUNNING',
      redriveCount: 1,
      redriven: false,
    });
    // The audit entry, under the execution, names who redrove it.
    const audit = dynamoClient(runtime.endpoints);
    const entries = await audit.send(
      new QueryCommand({
        TableName: tables.audit.logicalId,
        KeyConditionExpression: 'pk = :s',
        ExpressionAttributeValues: { ':s': { S: `EXECUTION#accountApproval:${name}` } },
      }),
    );
    audit.destroy();
    expect(entries.Items?.map((item) => [item.action?.S, item.actorId?.S])).toEqual([
      ['execution.redriven', runtime.endpoints.personas.operations!.id],
    ]);

    // Refusals: only operations; nothing to redrive in a succeeded execution; no such execution.
    expect((await apiClient(runtime.endpoints).post(`${path}/redrive`, { as: 'director' })).status).toBe(403);
    const succeeded = await apiClient(runtime.endpoints).get(
      '/ops/executions?workflow=accountApproval&status=SUCCEEDED',
      {
        as: 'operations',
      },
    );
    const done = await apiClient(runtime.endpoints).post(
      `/ops/executions/accountApproval/${succeeded.body.items[0].name}/redrive`,
      { as: 'operations' },
    );
    expect(done.status).toBe(409);
    expect(done.body.error.code).toBe('NotRedrivable');
    expect(
      (
        await apiClient(runtime.endpoints).post('/ops/executions/accountApproval/no-such-execution/redrive', {
          as: 'operations',
        })
      ).status,
    ).toBe(404);
    await sfn.send(new StopExecutionCommand({ executionArn }));
    sfn.destroy();
  }, 120_000);
});

describe.skipIf(!existsSync(chromiumPath))("Missouri's post suggestions in the console (mo-dss)", () => {
  let mo: TestRuntime;
  beforeAll(async () => {
    mo = await startRuntime({ name: 'console-journeys-mo', profile: 'mo-dss' });
  }, 180_000);
  afterAll(() => mo?.stop());

  /** Signed in on the Missouri runtime. */
  async function signedInMo(persona: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    page.setDefaultTimeout(uiTimeout);
    await page.goto(mo.endpoints.console);
    await signInIfAsked(page, persona, mo.endpoints.console);
    await page.getByRole('heading', { level: 1, name: 'What needs me' }).waitFor();
    return page;
  }

  it('staff submit with the attestations (MO-02); the supervisor forwards; it reaches the Communications queue (MO-03)', async () => {
    const staff = await signedInMo('staff');
    await staff.getByRole('link', { name: 'Post suggestions' }).click();
    const text = `Resource fair at the Jefferson City office ${Date.now()}`;
    await staff.getByLabel('The post').fill(text);
    await staff.getByLabel('Photo or graphic reference').fill('IMG_0042.jpg');
    // By keyboard: USWDS draws its own box and keeps the input off-screen.
    await staff.getByLabel('Nothing in it identifies a child, family or case').focus();
    await staff.keyboard.press('Space');
    await expect(staff.getByLabel('Nothing in it identifies a child, family or case').isChecked()).resolves.toBe(true);
    await staff.getByRole('button', { name: 'Send to my supervisor' }).click();
    // Without the photo permission, MO-02 refuses, naming the rule.
    await expect(staff.getByRole('alert').textContent()).resolves.toContain('MO-02');
    // By keyboard: USWDS draws its own box and keeps the input off-screen.
    await staff.getByLabel('Everyone shown in the photos gave permission').focus();
    await staff.keyboard.press('Space');
    expect(await seriousViolations(staff)).toEqual([]);
    await screenshot(staff, 'suggestion-form');
    await staff.getByRole('button', { name: 'Send to my supervisor' }).click();
    await staff.locator('#suggestion-status[data-status="with-supervisor"]').waitFor();
    const suggestionId = new URL(staff.url()).pathname.split('/').pop()!;
    expect(await seriousViolations(staff)).toEqual([]);
    await screenshot(staff, 'suggestion');

    // The supervisor's queue: home lists the decision; the decision itself is the emailed link.
    const supervisor = await signedInMo('supervisor');
    await poll('the supervisor decision on home', async () => {
      await supervisor.goto(mo.endpoints.console);
      const decisions = supervisor.locator('[data-work="decisions"]');
      await decisions.waitFor();
      return (await decisions.textContent())?.includes(suggestionId);
    });
    await expect(
      supervisor
        .locator('[data-work="decisions"]')
        .getByRole('link', { name: `Post suggestion ${suggestionId}` })
        .count(),
    ).resolves.toBe(1);
    expect(await seriousViolations(supervisor)).toEqual([]);
    const email = await waitForEmail(
      mo.endpoints,
      (e) =>
        e.destination.to.includes('supervisor@agency.example') &&
        e.subject.includes('Suggested post') &&
        (e.body.text ?? '').includes(text.slice(0, 40)),
    );
    const link = approvalLinkIn(email);
    const forwarded = await apiClient(mo.endpoints).form(link.pathname, {
      token: link.searchParams.get('token')!,
      decision: 'forward',
      comment: '',
    });
    expect(forwarded.status).toBeLessThan(400);

    // Communications' queue.
    const communications = await signedInMo('communications');
    await communications.getByRole('link', { name: 'Post suggestions' }).click();
    await communications.getByRole('heading', { name: "Communications' queue" }).waitFor();
    await communications.locator('#suggestions', { hasText: text.slice(0, 40) }).waitFor();
    expect(await seriousViolations(communications)).toEqual([]);
    await screenshot(communications, 'suggestions-queue');
    await communications
      .locator('#suggestions')
      .getByRole('link', { name: text.slice(0, 60) })
      .click();
    await communications.locator('#suggestion-status[data-status="with-communications"]').waitFor();
    await expect(communications.locator('#suggestion-history').textContent()).resolves.toContain('stf-supervisor');

    // Communications approve from their emailed link; the submitter's email links the console's page.
    const toCommunications = approvalLinkIn(
      await waitForEmail(
        mo.endpoints,
        (e) =>
          e.destination.to.includes('communications@agency.example') &&
          e.subject.includes('Suggested post') &&
          (e.body.text ?? '').includes(text.slice(0, 40)),
      ),
    );
    const approved = await apiClient(mo.endpoints).form(toCommunications.pathname, {
      token: toCommunications.searchParams.get('token')!,
      decision: 'approve',
      comment: 'Posting Friday',
    });
    expect(approved.status).toBe(200);
    const notice = await waitForEmail(mo.endpoints, (e) =>
      (e.body.text ?? '').includes(`${mo.endpoints.console}suggestions/${suggestionId}`),
    );
    expect(notice.body.text).not.toContain(`/post-suggestions/${suggestionId}`);
    for (const page of [staff, supervisor, communications]) await page.context().close();
  }, 240_000);
});
