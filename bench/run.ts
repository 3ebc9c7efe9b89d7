/**
 * `npm run bench`: the four benchmarks of issue 8, each a ratio against a baseline measured in the
 * same run, printed as tables and written to bench/results.json (which the README quotes).
 * Functions first, while no runtime is using the CPU; then a tn-dcs runtime for ingest and the
 * workflows it can drive, a fresh one for query scaling, and nj-dcf and mo-dss runtimes for the
 * workflows only they have. Transition counts do not depend on timing, so those two run together.
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
import { repositoryRoot, startBenchRuntime, type BenchRuntime } from './runtime.ts';
import { accountApproval, credentialRotation, departure, incident, postSuggestion, type WorkflowResult } from './workflows.ts';

const started = performance.now();
const loadAverageAtStart = loadavg();
const progress = (line: string) => process.stderr.write(`[${Math.round((performance.now() - started) / 1000)} s] ${line}\n`);

/** Runs `body` on a fresh runtime and stops the runtime whatever happens. */
async function withRuntime<T>(name: string, profile: string, body: (runtime: BenchRuntime) => Promise<T>): Promise<T> {
  const runtime = await startBenchRuntime(name, profile);
  try {
    return await body(runtime);
  } finally {
    await runtime.stop();
  }
}

progress('functions: bundling and importing every function and its bare handler');
const functions = await functionsBenchmark();

const { ingest, tnWorkflows } = await withRuntime('ingest', 'tn-dcs', async (runtime) => {
  const accountId = await accountForContacts(runtime.endpoints);
  progress('ingest: POST /contacts against PutItem');
  const ingest = await ingestBenchmark(runtime, accountId);
  progress('workflows: tn-dcs');
  const { endpoints } = runtime;
  const tnWorkflows: WorkflowResult[] = [
    await accountApproval(endpoints, 'one approver approves', null),
    await credentialRotation(endpoints, accountId),
    await incident(endpoints, accountId),
    await departure(endpoints),
  ];
  return { ingest, tnWorkflows };
});

const query = await withRuntime('query', 'tn-dcs', async (runtime) => {
  progress('query: GET /contacts?caseId=… at 1,000 and 100,000 records');
  return queryBenchmark(runtime, await accountForContacts(runtime.endpoints));
});

progress('workflows: nj-dcf and mo-dss');
const [njApproval, moSuggestion] = await Promise.all([
  withRuntime('workflows-nj', 'nj-dcf', async ({ endpoints }) => {
    await approvedAccount(endpoints, { platform: 'facebook' });
    return accountApproval(endpoints, 'two approvers in serial both approve', goals.twoApproverTransitions);
  }),
  withRuntime('workflows-mo', 'mo-dss', ({ endpoints }) => postSuggestion(endpoints)),
]);

const measured = {
  date: new Date().toISOString(),
  commit: execFileSync('git', ['describe', '--always', '--dirty'], { cwd: repositoryRoot, encoding: 'utf8' }).trim(),
  durationSeconds: Math.round((performance.now() - started) / 1000),
  machine: { cpus: cpus().length, node: process.version, loadAverageAtStart: loadAverageAtStart.map((l) => Math.round(l * 100) / 100) },
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
