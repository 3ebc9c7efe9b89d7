/**
 * Starts the local runtime exactly as `npm start` does (a child process running
 * local/main.ts), on ephemeral ports with its own data directory, and gives tests its
 * endpoints. Its output goes to test-results/logs/, which the leak scan reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Endpoints } from '../../local/runtime.ts';

export const repositoryRoot = resolve(import.meta.dirname, '..', '..');
export const logDir = join(repositoryRoot, 'test-results', 'logs');

export interface TestRuntime {
  endpoints: Endpoints;
  dataDir: string;
  logFile: string;
  /** Stops it as Ctrl-C would; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `dataDir` reuses a data directory (a restart); without it each start gets a fresh one that
 * `stop` removes, unless `keepData` is set.
 */
export async function startRuntime(options: {
  name: string;
  profile?: string;
  extraArgs?: string[];
  dataDir?: string;
  keepData?: boolean;
}): Promise<TestRuntime> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), `oa-${options.name}-`)));
  await mkdir(logDir, { recursive: true });
  const logFile = join(logDir, `${options.name}.log`);
  const log = createWriteStream(logFile, { flags: options.dataDir ? 'a' : 'w' });
  const child: ChildProcess = spawn(
    process.execPath,
    [
      'local/main.ts',
      '--profile',
      options.profile ?? 'tn-dcs',
      '--data-dir',
      dataDir,
      ...(options.dataDir ? [] : ['--fresh']),
      '--ephemeral-ports',
      '--quiet',
      '--log-level',
      'INFO',
      ...(options.extraArgs ?? []),
    ],
    { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const endpointsFile = await new Promise<string>((done, fail) => {
    let buffer = '';
    const timer = setTimeout(
      () => fail(new Error(`The local runtime did not start within 90 s; see ${logFile}`)),
      90_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.endsWith('endpoints.json'));
      if (line) {
        clearTimeout(timer);
        done(line.trim());
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`The local runtime exited with ${code}; see ${logFile}`));
    });
  });
  const endpoints = JSON.parse(await readFile(endpointsFile, 'utf8')) as Endpoints;
  return {
    endpoints,
    dataDir,
    logFile,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
      if (code === 'timeout') child.kill('SIGKILL');
      log.end();
      if (!options.keepData && !options.dataDir) await rm(dataDir, { recursive: true, force: true });
      return code === 'timeout' ? null : code;
    },
  };
}
