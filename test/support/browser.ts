/**
 * Chromium for the console's journeys (issue 18.5): Debian's build through playwright-core, axe-core run
 * inside the page, sign-in through the local OpenID Provider's persona page, and the screenshots kept
 * under docs/screenshots/.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { repositoryRoot } from './runtime.ts';

export const chromiumPath = '/usr/bin/chromium';
export const screenshotDir = join(repositoryRoot, 'docs', 'screenshots');
/** Generous: two cores shared with other runs. */
export const uiTimeout = 30_000;

/** Launches Debian's Chromium headless with the flags that keep it quiet and sandbox-free in a container. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** A violation as axe reports it, trimmed to what a failing test should print. */
export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA) in the page; returns the serious and critical violations. axe is
 * evaluated through the DevTools protocol, not a <script> tag, so the page's CSP stays as strict as served.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const source = await readFile(axePath, 'utf8');
  await page.evaluate(`${source}\n;void 0`);
  const results = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
  )) as { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> };
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Chooses `persona` on the provider's sign-in page if it is shown (a live provider session skips it). */
export async function signInIfAsked(page: Page, persona: string, consoleUrl: string): Promise<void> {
  const button = page.getByRole('button', { name: new RegExp(`^${persona} — `) });
  const home = page.locator('#main-content h1');
  await Promise.race([button.waitFor({ timeout: uiTimeout }), home.waitFor({ timeout: uiTimeout })]);
  if (await button.isVisible()) await button.click();
  await page.waitForURL((url) => url.href.startsWith(consoleUrl) && !url.pathname.endsWith('/callback'), {
    timeout: uiTimeout,
  });
}

/** Keeps a screenshot for the README and the issue (viewport only: small files). */
export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });
