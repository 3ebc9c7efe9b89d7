/**
 * `npm run bench`: the four benchmarks of issue 8, each a ratio against a baseline measured in the
 * same run, printed as tables and written to bench/results.json (which the README quotes).
 * Functions first, while no runtime is using the CPU; then a tn-dcs runtime for ingest and the
 * workflows it can drive, two fresh ones for query scaling (one table small, one large), and
 * nj-dcf and mo-dss runtimes for the workflows only they have, together: transition counts do not
 * depend on timing.
 */
import { execFileSync } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { approvedAccount } from '../test/support/accounts.ts';
import { accountForContacts } from './contacts-table.ts';
import { functionsBenchmark } from './functions.ts';
import { goals } from './goals.ts';
import { ingestBenchmark } from './ingest.ts';
import { queryBenchmark } from './query.ts';
import { judge, render, type Results } from './report.ts';
import { repositoryRoot, startBenchRuntime, stopAll, type BenchRuntime } from './runtime.ts';
import {
  accountApproval,
  credentialRotation,
  departure,
  incident,
  postSuggestion,
  type WorkflowResult,
} from './workflows.ts';

const started = performance.now();
const loadAverageAtStart = loadavg();
const progress = (line: string) =>
  process.stderr.write(`[${Math.round((performance.now() - started) / 1000)} s] ${line}\n`);
// Ctrl-C: the runtimes' data directories are in memory, so remove them before leaving.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));

/** Runs `body` on fresh runtimes, started together, and stops them all whatever happens. */
async function withRuntimes<T>(
  specs: ReadonlyArray<readonly [name: string, profile: string]>,
  body: (runtimes: BenchRuntime[]) => Promise<T>,
): Promise<T> {
  const starts = await Promise.allSettled(specs.map(([name, profile]) => startBenchRuntime(name, profile)));
  const runtimes = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
  try {
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed) throw failed.reason;
    return await body(runtimes);
  } finally {
    await Promise.all(runtimes.map((runtime) => runtime.stop()));
  }
}

progress('functions: bundling and importing every function and its bare handler');
const functions = await functionsBenchmark();

const { ingest, tnWorkflows } = await withRuntimes([['ingest', 'tn-dcs']], async ([runtime]) => {
  const { endpoints } = runtime!;
  const accountId = await accountForContacts(endpoints);
  progress('ingest: POST /contacts against PutItem');
  const ingest = await ingestBenchmark(runtime!, accountId);
  progress('workflows: tn-dcs');
  const tnWorkflows: WorkflowResult[] = [
    await accountApproval(endpoints, 'one approver approves', null),
    await credentialRotation(endpoints, accountId),
    await incident(endpoints, accountId),
    await departure(endpoints),
  ];
  return { ingest, tnWorkflows };
});

progress('query: GET /contacts?caseId=… at 1,000 and 100,000 records');
const query = await withRuntimes(
  [
    ['query-small', 'tn-dcs'],
    ['query-large', 'tn-dcs'],
  ],
  ([small, large]) => queryBenchmark(small!, large!),
);

progress('workflows: nj-dcf and mo-dss');
const [njApproval, moSuggestion] = await withRuntimes(
  [
    ['workflows-nj', 'nj-dcf'],
    ['workflows-mo', 'mo-dss'],
  ],
  ([nj, mo]) =>
    Promise.all([
      approvedAccount(nj!.endpoints, { platform: 'facebook' }).then(() =>
        accountApproval(nj!.endpoints, 'two approvers in serial both approve', goals.twoApproverTransitions),
      ),
      postSuggestion(mo!.endpoints),
    ]),
);

const measured = {
  date: new Date().toISOString(),
  commit: execFileSync('git', ['describe', '--always', '--dirty'], { cwd: repositoryRoot, encoding: 'utf8' }).trim(),
  durationSeconds: Math.round((performance.now() - started) / 1000),
  machine: {
    cpus: cpus().length,
    node: process.version,
    loadAverageAtStart: loadAverageAtStart.map((l) => Math.round(l * 100) / 100),
  },
  ingest,
  query,
  functions,
  workflows: [...tnWorkflows, njApproval, moSuggestion],
};
const results: Results = { ...measured, goals: judge(measured) };
process.stdout.write(`\n${render(results)}`);
// Written whole or not at all: the README quotes this file.
const file = join(repositoryRoot, 'bench', 'results.json');
await writeFile(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
await rename(`${file}.tmp`, file);
progress(`done; results in bench/results.json`);
