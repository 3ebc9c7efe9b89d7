/**
 * How the console is built, for both places that serve it (issue 18): the local runtime bundles it in
 * memory at every start (local/console-site.ts), and the CDK app at synth for the S3 bucket behind
 * CloudFront (infra/constructs/console-site.ts). One set of esbuild options, so the two cannot drift.
 * Node code: excluded from console/tsconfig.json (the browser's), checked by the root tsconfig.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BuildOptions, build, buildSync, type OutputFile } from 'esbuild';

/** The console's sources. */
export const consoleRoot = resolve(import.meta.dirname);

/** USWDS's built assets (stylesheet, fonts, images), served under `/console/uswds/`. */
export const uswdsDist = resolve(consoleRoot, '..', 'node_modules', '@uswds', 'uswds', 'dist');

/** What the console needs to know at run time: who signs people in, and as which client. Never a secret. */
export interface ConsoleConfig {
  issuer: string;
  clientId: string;
}

/** The built console: the one script, its own stylesheet, and the page every console route answers. */
export interface ConsoleBuild {
  js: string;
  css: string;
  html: string;
}

/** One minified ES module, JSX through Preact, written nowhere (the caller decides where it goes). */
const options: BuildOptions & { write: false } = {
  entryPoints: [join(consoleRoot, 'main.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  outdir: 'out',
  tsconfig: join(consoleRoot, 'tsconfig.json'),
  logLevel: 'silent',
};

const assemble = (outputFiles: OutputFile[]): ConsoleBuild => ({
  js: outputFiles.find((file) => file.path.endsWith('.js'))!.text,
  css: readFileSync(join(consoleRoot, 'console.css'), 'utf8'),
  html: readFileSync(join(consoleRoot, 'index.html'), 'utf8'),
});

/** Builds the console without blocking the local runtime's start-up. */
export async function bundleConsole(): Promise<ConsoleBuild> {
  return assemble((await build(options)).outputFiles);
}

/** Builds the console synchronously: CDK constructs are built in constructors, which cannot await. */
export function bundleConsoleSync(): ConsoleBuild {
  return assemble(buildSync(options).outputFiles);
}

/**
 * The console's Content-Security-Policy, wherever it is served: scripts from its own origin only (no
 * inline script, no eval), no framing; `issuer` is the one other origin it talks to (the token endpoint).
 */
export function consoleContentSecurityPolicy(issuer: string): string {
  const issuerOrigin = new URL(issuer).origin;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${issuerOrigin}`,
    `form-action 'self' ${issuerOrigin}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
