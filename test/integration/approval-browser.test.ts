/**
 * A director's approval as a person does it, in Debian's Chromium: open the mailbox page, open the
 * approver's email, follow its link, read the page, approve, read the result. Screenshots are kept
 * under test-results/screenshots/ as artifacts.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, poll, waitForEmail } from '../support/api.ts';
import { screenshot as keepScreenshot, seriousViolations } from '../support/browser.ts';
import { repositoryRoot, startRuntime, type TestRuntime } from '../support/runtime.ts';

const chromiumPath = '/usr/bin/chromium';
const screenshots = join(repositoryRoot, 'test-results', 'screenshots');

let runtime: TestRuntime;
let browser: Browser;

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  runtime = await startRuntime({ name: 'approval-browser' });
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
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe.skipIf(!existsSync(chromiumPath))('approving from the mailbox in a browser', () => {
  it('mailbox → email → link → decision page → approve → result; the request becomes approved', async () => {
    const api = apiClient(runtime.endpoints);
    const { body } = await api.post('/account-requests', {
      as: 'director',
      body: {
        platform: 'facebook',
        purpose: 'client-contact',
        region: 'smoky-mountain',
        administratorId: 'stf-administrator',
        backupAdministratorId: 'stf-backup-administrator',
        displayName: 'DCS Smoky Mountain Region',
      },
    });
    const requestId = body.requestId as string;
    await waitForEmail(runtime.endpoints, (e) => (e.body.text ?? '').includes(`Request: ${requestId}`));

    const page = await browser.newPage();
    await page.goto(runtime.endpoints.mailbox);
    const email = page.locator('.email', { hasText: 'Approve a new official facebook account' });
    await email.waitFor();
    await expect(email.textContent()).resolves.toContain('communications@agency.example');
    await email.getByRole('button', { name: 'Toggle HTML view' }).click();
    const message = page.frameLocator('.email-html iframe').first();
    const link = message.getByRole('link', { name: 'Review and decide' });
    await link.waitFor();
    await page.screenshot({ path: join(screenshots, '1-mailbox.png'), fullPage: true });
    // A mail client opens links in the browser, not inside itself; our pages refuse framing anyway.
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${runtime.endpoints.api}/approvals/apv_`));

    await page.goto(href!);
    await expect(page.locator('h1').textContent()).resolves.toContain('Official facebook account for Smoky Mountain');
    await expect(page.getByText('Opening this page changed nothing').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(screenshots, '2-decision-page.png'), fullPage: true });
    // Restyled with USWDS (issue 18.6), still without script, and accessible.
    await expect(page.locator('script').count()).resolves.toBe(0);
    await expect(page.locator('link[rel="stylesheet"]').getAttribute('href')).resolves.toBe(
      '/console/uswds/css/uswds.min.css',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'decision-page');

    await page.getByLabel('Comment').fill('Approved for diligent search in the region.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(/\/approvals\/apv_/);
    await expect(page.locator('h1').textContent()).resolves.toBe('You approved the request');
    await expect(page.locator('#request-status').getAttribute('data-status')).resolves.toBe('approved');
    await page.screenshot({ path: join(screenshots, '3-result-page.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Going back reloads the page (no-store): the spent link now says so instead of offering buttons.
    await page.goBack();
    await expect(page.locator('h1').textContent()).resolves.toBe('Already decided');
    await expect(page.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);

    const view = await poll('the account', async () => {
      const current = (await api.get(`/account-requests/${requestId}`, { as: 'director' })).body;
      return current.accountId ? current : undefined;
    });
    expect(view).toMatchObject({
      status: 'approved',
      approvals: [
        {
          approverId: 'stf-communications',
          decision: 'approve',
          comment: 'Approved for diligent search in the region.',
        },
      ],
    });
    await page.close();
  });
});
