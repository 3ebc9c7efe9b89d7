/**
 * Issue 19.6: what OpenTelemetry would add to every function, measured rather than guessed. Bundles
 * a bare handler and the same handler with the smallest OpenTelemetry set-up that traces AWS SDK
 * calls (Node tracer provider, batch processor, OTLP/HTTP exporter, the aws-sdk instrumentation)
 * with the esbuild settings the functions use, and imports each in fresh processes (bench/import-time.ts).
 * Run: `node bench/tracing/compare.ts [samples]`. docs/tracing.md carries the figures.
 */
import { build } from 'esbuild';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importSample } from '../import-time.ts';

const samples = Number(process.argv[2] ?? 15);
const out = await mkdtemp(join(tmpdir(), 'tracing-compare-'));
const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

const rows: Array<{ variant: string; bytes: number; gzipBytes: number; importCpuMs: number }> = [];
for (const variant of ['bare', 'otel']) {
  const outfile = join(out, `${variant}.mjs`);
  await build({
    entryPoints: [new URL(`./${variant}-handler.ts`, import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    outfile,
    banner: { js: "import{createRequire}from'module';const require=createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  const code = await readFile(outfile);
  const cpu: number[] = [];
  // Alternating is not needed here: each sample is its own process and the two variants differ by 40×.
  for (let i = 0; i < samples; i++) cpu.push((await importSample(outfile, { PATH: process.env.PATH ?? '' })).cpuMs);
  rows.push({ variant, bytes: code.length, gzipBytes: gzipSync(code).length, importCpuMs: median(cpu) });
}
console.table(rows);
const [bare, otel] = rows as [(typeof rows)[0], (typeof rows)[0]];
console.log(
  `OpenTelemetry adds ${otel.bytes - bare.bytes} B (${otel.gzipBytes - bare.gzipBytes} B gzip) and ` +
    `${(otel.importCpuMs - bare.importCpuMs).toFixed(1)} ms of import CPU to every function (median of ${samples}).`,
);
