/**
 * The console (issue 18) as the local runtime serves it: under `/console/` on the API's own origin, so
 * the browser calls the API without CORS. esbuild bundles console/ in memory at every start (no build
 * output on disk), with the build the CDK app uses too (console/build.ts); USWDS's stylesheet, fonts and
 * images come from its package. Every answer carries the console's Content-Security-Policy: scripts from
 * this origin only, no inline script, no eval, no framing.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import {
  bundleConsole,
  type ConsoleConfig,
  consoleContentSecurityPolicy,
  uswdsDist as uswdsRoot,
} from '../console/build.ts';
import type { HttpResult } from '../shared/http/responses.ts';

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

/** The console's path prefix on the API's origin. */
export const consolePath = '/console';

/** The headers of every console answer; `issuer` is the one other origin the console talks to (its token endpoint). */
export function consoleHeaders(issuer: string): Record<string, string> {
  return {
    'content-security-policy': consoleContentSecurityPolicy(issuer),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/** A handler for `/console/…`: the bundle, the page, USWDS's assets, the run-time config; the page for any route. */
export async function startConsoleSite(config: ConsoleConfig): Promise<(pathname: string) => Promise<HttpResult>> {
  const { js, css, html: page } = await bundleConsole();
  const headers = consoleHeaders(config.issuer);
  const answer = (type: string, body: string | Buffer, cache = 'no-cache'): HttpResult =>
    typeof body === 'string'
      ? { statusCode: 200, headers: { ...headers, 'content-type': type, 'cache-control': cache }, body }
      : {
          statusCode: 200,
          headers: { ...headers, 'content-type': type, 'cache-control': cache },
          body: body.toString('base64'),
          isBase64Encoded: true,
        };
  const notFound: HttpResult = { statusCode: 404, headers: { ...headers, 'content-type': 'text/plain' }, body: '' };
  return async (pathname) => {
    if (pathname === consolePath) return { statusCode: 301, headers: { ...headers, location: `${consolePath}/` } };
    const rest = pathname.slice(consolePath.length + 1);
    if (rest === 'main.js') return answer(contentTypes['.js']!, js);
    if (rest === 'console.css') return answer(contentTypes['.css']!, css);
    if (rest === 'config.json') return answer(contentTypes['.json']!, JSON.stringify(config));
    if (rest.startsWith('uswds/')) {
      const file = normalize(join(uswdsRoot, rest.slice('uswds/'.length)));
      const type = contentTypes[extname(file)];
      if (!file.startsWith(`${uswdsRoot}/`) || !type) return notFound;
      try {
        return answer(type, await readFile(file), 'public, max-age=86400');
      } catch {
        return notFound;
      }
    }
    if (extname(rest) !== '') return notFound;
    // Every other path is a page of the console: the same document, which routes on its own location.
    return answer(contentTypes['.html']!, page, 'no-store');
  };
}
