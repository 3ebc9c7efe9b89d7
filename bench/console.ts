/**
 * Benchmark 5, the console (issue 20.3): in Chromium, as a person meets it — the JavaScript the home
 * page loads the first time (every script response, compressed as gzip -9 since the local site sends
 * it uncompressed and CloudFront compresses it in AWS) and the time until the home page is
 * interactive: from navigation to the administrator's accounts listed, the sign-in round trip with
 * the provider's session included, median of a few fresh loads.
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Endpoints } from '../local/runtime.ts';
import { chromiumPath, launchChromium, signInIfAsked } from '../test/support/browser.ts';
import { median, round } from './stats.ts';

/** What the console benchmark reports; null when there is no Chromium at /usr/bin/chromium. */
export interface ConsoleResult {
  scripts: number;
  scriptBytes: number;
  scriptGzipBytes: number;
  /** Median of `loads` fresh loads of the home page, until an account link is on it. */
  interactiveMs: number;
  loads: number;
}

export const consoleSettings = { loads: 7 };

export async function consoleBenchmark(
  endpoints: Endpoints,
  accountId: string,
  settings = consoleSettings,
): Promise<ConsoleResult | null> {
  if (!existsSync(chromiumPath)) return null;
  const browser = await launchChromium();
  try {
    // First load: a fresh browser, nothing cached; every script the page fetched on the way to home.
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    const scripts = new Map<string, Buffer>();
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      void response
        .body()
        .then((body) => scripts.set(response.url(), body))
        .catch(() => undefined);
    });
    const home = () => page.getByRole('link', { name: accountId, exact: true }).first().waitFor();
    await page.goto(endpoints.console!);
    await signInIfAsked(page, 'administrator', endpoints.console!);
    await home();
    const bodies = [...scripts.values()];
    const times: number[] = [];
    for (let load = 0; load < settings.loads; load++) {
      const started = performance.now();
      await page.goto(endpoints.console!);
      await home();
      times.push(performance.now() - started);
    }
    await context.close();
    return {
      scripts: bodies.length,
      scriptBytes: bodies.reduce((sum, body) => sum + body.length, 0),
      scriptGzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
      interactiveMs: round(median(times), 0),
      loads: settings.loads,
    };
  } finally {
    await browser.close();
  }
}
