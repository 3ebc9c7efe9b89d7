/**
 * The contact service called directly, without the API in front of it: the same DynamoDB reads
 * and transaction a POST /contacts makes, but no HTTP, token check, middy chain or validation.
 * Measured beside the API and raw PutItem, it says how much of the API's cost is its data access
 * and how much the layers above it. It runs in a process of its own (service-worker.ts) with the
 * functions' environment from the runtime's data directory, as `npm run schedule` runs a job.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Timed } from './load.ts';
import type { BenchRuntime } from './runtime.ts';

/** Records batches of contacts through the service in one long-lived process, so it warms up once. */
export interface ServiceRecorder {
  record(bodies: readonly unknown[], concurrency: number): Promise<Timed>;
  close(): void;
}

export async function serviceRecorder(runtime: BenchRuntime): Promise<ServiceRecorder> {
  const environment = JSON.parse(await readFile(join(runtime.dataDir, 'function-env.json'), 'utf8')) as Record<
    string,
    string
  >;
  const persona = runtime.endpoints.personas.caseSystem!;
  const caller = { id: persona.id, roles: persona.roles, region: persona.region, office: persona.office };
  // Its logs and metrics go where a function's would go, not into the benchmark's tables.
  const worker: ChildProcess = fork(join(import.meta.dirname, 'service-worker.ts'), {
    env: environment,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return {
    record: (bodies, concurrency) =>
      new Promise((resolve, reject) => {
        worker.once('message', (message: Timed | { error: string }) =>
          'error' in message ? reject(new Error(message.error)) : resolve(message),
        );
        worker.send({ caller, bodies, concurrency });
      }),
    close: () => void worker.kill(),
  };
}
