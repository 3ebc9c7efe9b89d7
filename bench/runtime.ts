/**
 * Starts the local runtime as `npm start` does (local/main.ts in a child process) for one
 * benchmark. Unlike test/support/runtime.ts it puts the data directory in memory (/dev/shm where
 * there is one): DynamoDB Local keeps its SQLite file there, and on disk every write waits for the
 * disk — about 7 times slower on this machine, and at the mercy of whatever else uses the disk.
 */
import { spawn } from 'node:child_process';
import { existsSync, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Endpoints } from '../local/runtime.ts';

export const repositoryRoot = resolve(import.meta.dirname, '..');
const logDir = join(repositoryRoot, 'test-results', 'bench');

/** A running local runtime, its data directory, and how to stop it. */
export interface BenchRuntime {
  endpoints: Endpoints;
  dataDir: string;
  stop(): Promise<void>;
}

const running = new Set<() => Promise<void>>();
/** A runtime starts in ~20 s alone; on a machine shared with other jobs (load 10–20 on two cores) it took over 90. */
const startTimeoutSeconds = 240;

/** Stops every runtime still running, for a bench interrupted halfway: nothing is left in memory. */
export const stopAll = async (): Promise<void> => void (await Promise.all([...running].map((stop) => stop())));

/** Starts a fresh runtime with `profile` on ephemeral ports; its output goes to test-results/bench/<name>.log. */
export async function startBenchRuntime(name: string, profile = 'tn-dcs'): Promise<BenchRuntime> {
  const parent = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dataDir = await mkdtemp(join(parent, `oa-bench-${name}-`));
  await mkdir(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir>: the runtime writes a CPU profile there when it stops (bench/run-ingest.ts).
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []),
      'local/main.ts',
      '--profile',
      profile,
      '--data-dir',
      dataDir,
      '--fresh',
      '--ephemeral-ports',
      '--quiet',
      '--log-level',
      'WARN',
    ],
    { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    running.delete(stop);
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 15_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    log.end();
    await rm(dataDir, { recursive: true, force: true });
  };
  running.add(stop);
  try {
    // With --quiet the runtime prints one line once ready: the path of its endpoints file.
    const endpointsFile = await new Promise<string>((done, fail) => {
      let output = '';
      const timer = setTimeout(
        () => fail(new Error(`The local runtime did not start within ${startTimeoutSeconds} s; see ${logFile}`)),
        startTimeoutSeconds * 1000,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((l) => l.endsWith('endpoints.json'));
        if (line) {
          clearTimeout(timer);
          done(line.trim());
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        fail(new Error(`The local runtime exited; see ${logFile}`));
      });
    });
    return { endpoints: JSON.parse(await readFile(endpointsFile, 'utf8')) as Endpoints, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
