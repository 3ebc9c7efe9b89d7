/**
 * The console's journeys in Chromium (issue 18.5): sign-in with code + PKCE through the persona page, the
 * home page, an administrator revealing a password with its 2FA code, the rotation task from its email,
 * sign-out. axe-core runs on every page; screenshots go to docs/screenshots/.
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient, poll, waitForEmail } from '../support/api.ts';
import {
  chromiumPath,
  launchChromium,
  screenshot,
  seriousViolations,
  signInIfAsked,
  uiTimeout,
} from '../support/browser.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { endOfDay } from '../../shared/domain/local-day.ts';

const password = 'Console-test-password-1';
const twoFactorSecret = 'JBSWY3DPEHPK3PXP';

let runtime: TestRuntime;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let accountId: string;
const violations: string[] = [];
/** Every refresh-token exchange the console made, and every 401 the API gave it. */
const renewals: number[] = [];
const unauthorized: string[] = [];
/** Short-lived access tokens, so the console must renew during the journeys (it renews at three quarters). */
const accessTokenSeconds = 20;

beforeAll(async () => {
  runtime = await startRuntime({
    name: 'console-browser',
    extraArgs: ['--access-token-ttl', String(accessTokenSeconds)],
  });
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
  const stored = await apiClient(runtime.endpoints).put(`/accounts/${accountId}/credential`, {
    as: 'administrator',
    body: { username: 'dcs.smoky.console', password, twoFactorSecret },
  });
  if (stored.status !== 201) throw new Error(`could not store the login: ${stored.status}`);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(runtime.endpoints.console).origin,
  });
  page = await context.newPage();
  page.setDefaultTimeout(uiTimeout);
  // The CSP is the page's as served: any violation (inline script, eval, a foreign origin) is a failure.
  page.on('response', (response) => {
    const request = response.request();
    if (
      response.url() === `${runtime.endpoints.issuer}/token` &&
      /grant_type=refresh_token/.test(request.postData() ?? '')
    )
      renewals.push(response.status());
    if (response.url().startsWith(runtime.endpoints.api) && response.status() === 401)
      unauthorized.push(response.url());
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

/** axe on the page as it stands: no serious or critical violation. */
const expectAccessible = async () => expect(await seriousViolations(page)).toEqual([]);

describe.skipIf(!existsSync(chromiumPath))('the console in Chromium', () => {
  it('is served under /console/ on the API origin with a strict CSP and a small script', async () => {
    const consoleUrl = runtime.endpoints.console;
    expect(consoleUrl).toBe(`${runtime.endpoints.api}/console/`);
    const response = await fetch(consoleUrl);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const script = Buffer.from(await (await fetch(`${consoleUrl}main.js`)).arrayBuffer());
    const compressed = gzipSync(script, { level: 9 }).length;
    process.stdout.write(`console first-load JS: ${script.length} B, ${compressed} B gzip\n`);
    expect(compressed).toBeLessThanOrEqual(150 * 1024);
  });

  it('signs the administrator in with code + PKCE; tokens stay out of storage and the URL; home lists the account', async () => {
    await page.goto(runtime.endpoints.console);
    await page.getByRole('heading', { name: 'Sign in to Official accounts' }).waitFor();
    await expectAccessible();
    await screenshot(page, 'sign-in');
    await signInIfAsked(page, 'administrator', runtime.endpoints.console);
    await page.getByRole('heading', { level: 1, name: 'What needs me' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    const storage = await page.evaluate(() => ({
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
    }));
    expect(storage).toEqual({ local: [], session: [] });
    await expect(page.getByText("Tennessee Department of Children's Services").first().isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: accountId, exact: true }).first().waitFor();
    await expectAccessible();
    await screenshot(page, 'home');

    // Interactive within 1 s: a fresh load while the provider's session lasts (redirect, code, tokens, /me, /accounts).
    const started = Date.now();
    await page.goto(runtime.endpoints.console);
    await page.getByRole('link', { name: accountId, exact: true }).first().waitFor();
    const elapsed = Date.now() - started;
    process.stdout.write(`console home interactive after ${elapsed} ms (sign-in round-trip included)\n`);
    expect(elapsed).toBeLessThan(5_000);
  }, 90_000);

  it('moves by keyboard: the skip link first, then the main content', async () => {
    await page.keyboard.press('Tab');
    const first = await page.evaluate('document.activeElement?.textContent');
    expect(first).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate("document.activeElement?.closest('#main-content') !== null")).toBe(true);
  });

  it('reveals the password with its 2FA code by keyboard, copies it, and removes it from the page after 30 s', async () => {
    await page.getByRole('link', { name: accountId, exact: true }).first().click();
    const reveal = page.getByRole('button', { name: 'Reveal password' });
    await reveal.waitFor();
    await expectAccessible();
    await screenshot(page, 'account');
    await reveal.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('password').textContent({ timeout: uiTimeout })).resolves.toBe(password);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(twoFactorSecret) });
    const now = Date.now();
    const expected = [now - 30_000, now, now + 30_000].map((timestamp) => totp.generate({ timestamp }));
    expect(expected).toContain(await page.getByTestId('totp').textContent());
    await page.getByRole('button', { name: 'Copy password' }).click();
    await page.getByText('Password copied.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(password);
    await expectAccessible();
    await screenshot(page, 'account-revealed');
    await page.getByTestId('password').waitFor({ state: 'detached', timeout: 45_000 });
    expect(await page.content()).not.toContain(password);
    await page.getByRole('button', { name: 'Reveal password' }).waitFor();

    const audit = await apiClient(runtime.endpoints).get(`/accounts/${accountId}/audit`, { as: 'director' });
    expect(JSON.stringify(audit.body)).toContain('stf-administrator');
  }, 90_000);

  it('follows the rotation task email to the console, reveals the pending password and confirms the rotation', async () => {
    const api = apiClient(runtime.endpoints);
    const started = await api.post(`/accounts/${accountId}/rotations`, { as: 'administrator', body: {} });
    expect(started.status).toBe(202);
    const rotationId = started.body.rotationId as string;
    const task = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject.startsWith('Change the password') && (e.body.text ?? '').includes(rotationId),
    );
    // The administrator's home lists the task (GET /me/work) and links the same page as the email.
    await page.goto(runtime.endpoints.console);
    await signInIfAsked(page, 'administrator', runtime.endpoints.console);
    const taskLink = page
      .locator('[data-work="rotations"]')
      .getByRole('link', { name: `Change the password of ${accountId}` });
    await taskLink.waitFor();
    await expect(taskLink.getAttribute('href')).resolves.toBe(
      `/console/accounts/${accountId}/rotations/${rotationId}/confirm`,
    );
    await expectAccessible();
    await screenshot(page, 'home-work');
    const links = (task.body.text ?? '').match(/https?:\/\/\S+/g) ?? [];
    expect(links).toEqual([`${runtime.endpoints.console}accounts/${accountId}/rotations/${rotationId}/confirm`]);
    expect(task.body.text).not.toContain('credential');

    await page.goto(links[0]!);
    await signInIfAsked(page, 'administrator', runtime.endpoints.console);
    await page.getByRole('heading', { level: 1, name: 'Change the password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/accounts/${accountId}/rotations/${rotationId}/confirm`);
    const pending = await poll('the pending password', async () => {
      await page.getByRole('button', { name: 'Reveal new password' }).click();
      const shown = page.getByTestId('password');
      await Promise.race([shown.waitFor(), page.getByRole('alert').waitFor()]);
      return (await shown.count()) > 0 ? shown.textContent() : undefined;
    });
    expect(pending).not.toBe(password);
    await expectAccessible();
    await screenshot(page, 'rotation');
    await page.getByRole('button', { name: 'Confirm rotation' }).click();
    await page.getByText('Rotation confirmed').waitFor();
    await expectAccessible();
    const current = await api.get(`/accounts/${accountId}/credential`, { as: 'administrator' });
    expect(current.body.password).toBe(pending);
  }, 90_000);

  it('renewed the session silently with the refresh token: no request went out with an expired token', () => {
    expect(renewals.length).toBeGreaterThan(0);
    expect(renewals.every((status) => status === 200)).toBe(true);
    expect(unauthorized).toEqual([]);
  });

  it('signs out through the provider; a new visit asks who is signing in', async () => {
    await page.goto(runtime.endpoints.console);
    await signInIfAsked(page, 'administrator', runtime.endpoints.console);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('heading', { level: 1, name: 'You are signed out' }).waitFor();
    await expectAccessible();
    await screenshot(page, 'signed-out');
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByRole('button', { name: /^administrator — / }).waitFor();
    expect(violations).toEqual([]);
  }, 90_000);
});

describe.skipIf(!existsSync(chromiumPath))("a director's journeys in the console", () => {
  let director: Page;
  const directorViolations: string[] = [];

  beforeAll(async () => {
    // A context of its own: the director has their own session at the provider.
    const directorContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    director = await directorContext.newPage();
    director.setDefaultTimeout(uiTimeout);
    director.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) directorViolations.push(message.text());
    });
    await director.goto(runtime.endpoints.console);
    await signInIfAsked(director, 'director', runtime.endpoints.console);
    await director.getByRole('heading', { level: 1, name: 'What needs me' }).waitFor();
  });

  const accessible = async () => expect(await seriousViolations(director)).toEqual([]);

  it("requests an account with the profile's platforms and purposes, follows its approvals and withdraws it", async () => {
    await director.getByRole('link', { name: 'Request an account' }).click();
    await director.getByRole('heading', { level: 1, name: 'Request an official account' }).waitFor();
    const platforms = await director.getByLabel('Platform').locator('option').allTextContents();
    expect(platforms).toEqual(['facebook', 'instagram', 'x', 'tiktok', 'linkedin']);
    await director.getByLabel('Platform').selectOption('instagram');
    await director.getByLabel('Purpose').selectOption('client-contact');
    await director.getByLabel('Display name').fill('DCS Smoky Mountain on Instagram');
    await director.getByLabel('Administrator (staff id)', { exact: true }).fill('stf-administrator');
    await director.getByLabel('Back-up administrator (staff id)').fill('stf-backup-administrator');
    await accessible();
    await screenshot(director, 'request-form');
    // Submitted from the keyboard, as a form is.
    await director.getByLabel('Back-up administrator (staff id)').press('Enter');
    await director.getByRole('heading', { level: 1, name: 'Account request: instagram' }).waitFor();
    const requestId = new URL(director.url()).pathname.split('/').pop()!;
    await expect(director.locator('#request-status').getAttribute('data-status')).resolves.toBe('pending');
    await expect(director.getByRole('row', { name: /communications/ }).textContent()).resolves.toContain('waiting');
    await accessible();
    await screenshot(director, 'request');

    // The approver's home lists the decision waiting for them.
    const approverContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const approver = await approverContext.newPage();
    approver.setDefaultTimeout(uiTimeout);
    await poll('the approval link', async () => {
      await approver.goto(runtime.endpoints.console);
      await signInIfAsked(approver, 'communications', runtime.endpoints.console);
      const decisions = approver.locator('[data-work="decisions"]');
      await decisions.waitFor();
      return (await decisions.textContent())?.includes(requestId);
    });
    await expect(
      approver.locator('[data-work="decisions"]').getByRole('link').first().getAttribute('href'),
    ).resolves.toBe(`/console/requests/${requestId}`);
    expect(await seriousViolations(approver)).toEqual([]);
    await screenshot(approver, 'home-approver');
    await approverContext.close();

    await director.getByLabel('Reason').fill('Asked for the wrong platform.');
    await director.getByRole('button', { name: 'Withdraw the request' }).click();
    await director.locator('#request-status[data-status="withdrawn"]').waitFor();
    await accessible();
    const view = await apiClient(runtime.endpoints).get(`/account-requests/${requestId}`, { as: 'director' });
    expect(view.body.status).toBe('withdrawn');
  }, 90_000);

  it('grants access with an end date, revokes it, and reads both in the audit trail', async () => {
    await director.getByRole('link', { name: 'Home' }).click();
    await expect(director.locator('[data-work="requests"]').textContent()).resolves.toContain('withdrawn');
    await director.getByRole('link', { name: accountId, exact: true }).click();
    await director.getByRole('heading', { name: 'Access', exact: true }).waitFor();
    const until = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await director.getByLabel('Staff id').fill('stf-staff');
    await director.getByLabel('Until', { exact: false }).fill(until);
    await director.getByRole('button', { name: 'Grant access' }).click();
    await director.getByText('Access granted to stf-staff.').waitFor();
    const row = director.locator('#grants tr[data-staff="stf-staff"]');
    await expect(row.textContent()).resolves.toContain('yes');
    const grants = await apiClient(runtime.endpoints).get(`/accounts/${accountId}/grants`, { as: 'director' });
    const granted = (grants.body.items as Array<{ staffId: string; expiresAt?: string }>).find(
      (g) => g.staffId === 'stf-staff',
    );
    // Issue 19.4: "until" that day ends at its end in the director's region's zone (Smoky Mountain: Eastern).
    expect(granted?.expiresAt).toBe(endOfDay(until, 'America/New_York').toISOString());
    await director.locator('#audit', { hasText: 'grant.created' }).waitFor();
    await accessible();
    await screenshot(director, 'account-director');

    await director.getByRole('button', { name: 'Revoke access of stf-staff' }).click();
    await director.getByText('Access of stf-staff revoked.').waitFor();
    await director.locator('#audit', { hasText: 'grant.revoked' }).waitFor();
    await expect(director.locator('#audit').textContent()).resolves.toContain('credential.revealed');
    await accessible();
    expect(directorViolations).toEqual([]);
  }, 90_000);
});

describe.skipIf(!existsSync(chromiumPath))('a caseworker with a grant in the console', () => {
  it('sees the account, reveals its password, reports an incident and records the hotline reference (TN-14)', async () => {
    expect((await grant(runtime.endpoints, accountId, 'stf-staff')).status).toBe(201);
    const staffContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const staff = await staffContext.newPage();
    staff.setDefaultTimeout(uiTimeout);
    const staffViolations: string[] = [];
    staff.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) staffViolations.push(message.text());
    });
    await staff.goto(runtime.endpoints.console);
    await signInIfAsked(staff, 'staff', runtime.endpoints.console);
    await staff.getByRole('link', { name: accountId, exact: true }).click();
    await staff.getByRole('button', { name: 'Reveal password' }).click();
    await expect(staff.getByTestId('password').textContent()).resolves.toMatch(/.{12,}/);
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.getByRole('button', { name: 'Hide now' }).click();
    await staff.getByTestId('password').waitFor({ state: 'detached' });

    await staff.getByRole('link', { name: 'Report an incident' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Report an incident' }).waitFor();
    // Suspected abuse or neglect: the hotline steps apply (TN-14), so the page asks for the reference.
    // By keyboard, as a radio group is used: the arrow moves the choice.
    await staff.getByLabel('Inappropriate activity').focus();
    await staff.keyboard.press('ArrowDown');
    await expect(staff.getByLabel('Suspected abuse or neglect').isChecked()).resolves.toBe(true);
    await staff.getByLabel('What you saw').fill('A comment on the page shares a family address.');
    expect(await seriousViolations(staff)).toEqual([]);
    await screenshot(staff, 'incident-report');
    await staff.getByRole('button', { name: 'Report the incident' }).click();
    await staff.getByRole('heading', { level: 1, name: /^Incident inc_/ }).waitFor();
    const incidentId = new URL(staff.url()).pathname.split('/').pop()!;
    // The directors' email links the console's incident page, not the JSON route.
    const notice = await waitForEmail(runtime.endpoints, (e) => (e.body.text ?? '').includes(incidentId));
    expect(notice.body.text).toContain(`${runtime.endpoints.console}incidents/${incidentId}`);
    expect(notice.body.text).not.toContain('A comment on the page shares a family address.');

    // Until the reference is recorded, the incident is on the reporter's home.
    await staff.getByRole('link', { name: 'Home' }).click();
    await staff.locator('[data-work="incidents"]').getByRole('link', { name: incidentId }).click();
    await staff.getByLabel('Hotline reference').fill('HL-2026-0042');
    await staff.getByRole('button', { name: 'Record the reference' }).click();
    await expect(staff.locator('#hotline-reference').textContent()).resolves.toContain('HL-2026-0042');
    expect(await seriousViolations(staff)).toEqual([]);
    await screenshot(staff, 'incident');
    expect(staffViolations).toEqual([]);
    await staffContext.close();
  }, 90_000);
});

describe.skipIf(!existsSync(chromiumPath))('HR in the console', () => {
  it('reports a departure in bad standing, reads the leaver report and confirms the email access removed (TN-10)', async () => {
    expect((await grant(runtime.endpoints, accountId, 'stf-staff2')).status).toBe(201);
    const hrContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const hr = await hrContext.newPage();
    hr.setDefaultTimeout(uiTimeout);
    await hr.goto(runtime.endpoints.console);
    await signInIfAsked(hr, 'hr', runtime.endpoints.console);
    await hr.getByRole('link', { name: 'Report a departure' }).click();
    await hr.getByLabel('Staff id of the person who left').fill('stf-staff2');
    await hr.getByLabel('Good standing').focus();
    await hr.keyboard.press('ArrowDown');
    await expect(hr.getByLabel('Bad standing').isChecked()).resolves.toBe(true);
    expect(await seriousViolations(hr)).toEqual([]);
    await hr.getByRole('button', { name: 'Report the departure' }).click();
    await hr.getByRole('heading', { level: 1, name: 'Departure of stf-staff2' }).waitFor();
    const departureId = new URL(hr.url()).pathname.split('/').pop()!;

    // The directors' leaver report links the console's departure page.
    const report = await waitForEmail(runtime.endpoints, (e) =>
      (e.body.text ?? '').includes(`${runtime.endpoints.console}departures/${departureId}`),
    );
    expect(report.body.text).not.toContain(`${runtime.endpoints.api}/departures/`);

    // HR's home lists it until the email access removal is confirmed.
    await hr.getByRole('link', { name: 'Home' }).click();
    await hr.locator('[data-work="departures"]').getByRole('link', { name: 'stf-staff2' }).click();
    await hr.locator('#departure-status[data-status="awaiting-email-removal"]').waitFor();
    await expect(hr.locator('#leaver-report').textContent()).resolves.toContain(accountId);
    expect(await seriousViolations(hr)).toEqual([]);
    await screenshot(hr, 'departure');
    await hr.getByRole('button', { name: 'Confirm email access removed' }).click();
    await hr.locator('#email-removed').waitFor();
    // The workflow takes it from there: the password changes start (TN-10).
    const api = apiClient(runtime.endpoints);
    await poll('the departure to move on', async () => {
      const status = (await api.get(`/departures/${departureId}`, { as: 'hr' })).body.status;
      return status !== 'awaiting-email-removal' ? status : undefined;
    });
    expect(await seriousViolations(hr)).toEqual([]);
    await hrContext.close();
  }, 90_000);
});

describe.skipIf(!existsSync(chromiumPath))('operations in the console', () => {
  it('reads the operations status: workflows with their health, stuck approvals, overdue rotations', async () => {
    const opsContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const ops = await opsContext.newPage();
    ops.setDefaultTimeout(uiTimeout);
    await ops.goto(runtime.endpoints.console);
    await signInIfAsked(ops, 'operations', runtime.endpoints.console);
    await ops.getByRole('link', { name: 'Operations status' }).click();
    await ops.getByRole('heading', { level: 1, name: 'Operations status' }).waitFor();
    const rows = ops.locator('#workflows tbody tr');
    await rows.first().waitFor();
    const json = await apiClient(runtime.endpoints).get('/ops/status.json', { as: 'operations' });
    expect(await rows.count()).toBe(json.body.workflows.length);
    await expect(ops.locator('#workflows').textContent()).resolves.toContain('accountApproval');
    expect(await seriousViolations(ops)).toEqual([]);
    await screenshot(ops, 'operations');
    await opsContext.close();
  }, 90_000);
});

describe.skipIf(!existsSync(chromiumPath))('an administrator stores the first login in the console', () => {
  it('stores it once (TN-05) and reveals it; the form keeps nothing', async () => {
    const newAccount = await approvedAccount(runtime.endpoints, { platform: 'x' });
    const adminContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const admin = await adminContext.newPage();
    admin.setDefaultTimeout(uiTimeout);
    await admin.goto(`${runtime.endpoints.console}accounts/${newAccount}`);
    await signInIfAsked(admin, 'administrator', runtime.endpoints.console);
    await admin.getByText('Store the first login').click();
    await admin.getByLabel('Username').fill('dcs.smoky.x');
    await admin.getByLabel('Password', { exact: true }).fill('First-login-password-9');
    await admin.getByLabel('2FA (TOTP) secret').fill(twoFactorSecret);
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Store the login' }).click();
    await admin.getByText('The first login is stored').waitFor();
    await expect(admin.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
    await admin.getByRole('button', { name: 'Reveal password' }).click();
    await expect(admin.getByTestId('password').textContent()).resolves.toBe('First-login-password-9');
    const again = await apiClient(runtime.endpoints).put(`/accounts/${newAccount}/credential`, {
      as: 'backupAdministrator',
      body: { username: 'other', password: 'Another-password-123' },
    });
    expect(again.status).toBe(409);
    await adminContext.close();
  }, 120_000);
});

describe.skipIf(!existsSync(chromiumPath))('litigation holds in the console', () => {
  it('a director places a hold on an account; a records officer lifts it with the reason (CT-06)', async () => {
    const context2 = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const director = await context2.newPage();
    director.setDefaultTimeout(uiTimeout);
    await director.goto(runtime.endpoints.console);
    await signInIfAsked(director, 'director', runtime.endpoints.console);
    await director.getByRole('link', { name: 'Litigation holds' }).click();
    await director.getByRole('heading', { level: 1, name: 'Litigation holds' }).waitFor();
    await director.getByLabel('On', { exact: true }).selectOption('account');
    await director.getByLabel('Case or account id').fill(accountId);
    await director.getByLabel('Why records must be kept').fill('Subpoena 26-CV-1182, Sevier County Chancery Court');
    await director.getByRole('button', { name: 'Place the hold' }).click();
    const placed = await director.getByText(/^Hold hld_\S+ placed\.$/).textContent();
    const holdId = /hld_\S+/.exec(placed!)![0];
    await director.locator(`#holds tr[data-hold="${holdId}"][data-status="active"]`).waitFor();
    expect(await seriousViolations(director)).toEqual([]);
    await screenshot(director, 'holds');
    // Only records officers and counsel let records go: the director is offered no Lift.
    expect(await director.getByRole('button', { name: 'Lift' }).count()).toBe(0);
    await context2.close();
    const context3 = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const officer = await context3.newPage();
    officer.setDefaultTimeout(uiTimeout);
    await officer.goto(runtime.endpoints.console);
    await signInIfAsked(officer, 'recordsOfficer', runtime.endpoints.console);
    await officer.getByRole('link', { name: 'Litigation holds' }).click();
    await officer.getByLabel(`Reason to lift ${holdId}`).fill('Matter closed by final order');
    await officer.getByRole('button', { name: 'Lift' }).click();
    await officer.locator(`#holds tr[data-hold="${holdId}"][data-status="lifted"]`).waitFor();
    expect(await seriousViolations(officer)).toEqual([]);
    const holds = await apiClient(runtime.endpoints).get('/holds', { as: 'director' });
    expect(holds.body.items.find((h: { holdId: string }) => h.holdId === holdId)).toMatchObject({
      status: 'lifted',
      liftReason: 'Matter closed by final order',
    });
    await context3.close();
  }, 120_000);
});
