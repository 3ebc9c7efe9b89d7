/**
 * How long a bundle takes to import in a fresh Node process: what a Lambda cold start spends on the
 * function's code before the first event (the runtime's own start-up is the same for every
 * function, so it is left out). Each sample is its own process, so nothing is cached between them.
 *
 * Both the wall time and the CPU time of the import are taken. Importing is pure work (parse,
 * compile, run module bodies; the file is in the page cache), so on an idle machine the two agree;
 * on a busy one the wall time also counts waiting for a core, which swings by several times from
 * one sample to the next while the CPU time stays within a few percent. Goals are judged on CPU time.
 */
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const probe = [
  'const cpu = process.cpuUsage(); const started = performance.now();',
  'await import(process.argv[1]);',
  'const wallMs = performance.now() - started; const used = process.cpuUsage(cpu);',
  'process.stdout.write(JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000 }));',
].join('\n');

/** One import of a bundle in a fresh process. */
export interface ImportSample {
  wallMs: number;
  cpuMs: number;
}

/** Imports `file` once in a fresh process with `environment` (the function's) set. */
export async function importSample(file: string, environment: Record<string, string>): Promise<ImportSample> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', probe, pathToFileURL(file).href], {
    env: environment,
  });
  try {
    return JSON.parse(stdout) as ImportSample;
  } catch {
    throw new Error(`Importing ${file} printed ${JSON.stringify(stdout)}`);
  }
}
