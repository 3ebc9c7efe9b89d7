/**
 * The console (issue 18) as the local runtime serves it: under `/console/` on the API's own origin, so
 * the browser calls the API without CORS. esbuild bundles console/ in memory at every start (no build
 * output on disk); USWDS's stylesheet, fonts and images come from its package. Every answer carries the
 * console's Content-Security-Policy: scripts from this origin only, no inline script, no eval, no framing.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'esbuild';
import type { HttpResult } from '../shared/http/responses.ts';

const repositoryRoot = resolve(import.meta.dirname, '..');
const consoleRoot = join(repositoryRoot, 'console');
const uswdsRoot = join(repositoryRoot, 'node_modules', '@uswds', 'uswds', 'dist');

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

/** What the console needs to know at run time: who signs people in, and as which client. */
export interface ConsoleConfig {
  issuer: string;
  clientId: string;
}

/** The headers of every console answer; `issuer` is the one other origin the console talks to (its token endpoint). */
export function consoleHeaders(issuer: string): Record<string, string> {
  const issuerOrigin = new URL(issuer).origin;
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self' ${issuerOrigin}`,
      `form-action 'self' ${issuerOrigin}`,
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/** Bundles the console's script: one minified ES module, JSX through Preact. */
export async function bundleConsole(): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [join(consoleRoot, 'main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    outdir: 'out',
    tsconfig: join(consoleRoot, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
  const css = await readFile(join(consoleRoot, 'console.css'), 'utf8');
  return { js, css };
}

/** A handler for `/console/…`: the bundle, the page, USWDS's assets, the run-time config; the page for any route. */
export async function startConsoleSite(config: ConsoleConfig): Promise<(pathname: string) => Promise<HttpResult>> {
  const { js, css } = await bundleConsole();
  const page = await readFile(join(consoleRoot, 'index.html'), 'utf8');
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
