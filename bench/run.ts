/**
 * `npm run bench`: the benchmarks of issues 8 and 20, each a ratio against a baseline measured in the
 * same run, and the monthly cost they imply, printed as tables and written to bench/results.json
 * (which the README quotes).
 * Functions first, while no runtime is using the CPU; then a tn-dcs runtime for ingest and the
 * workflows it can drive, two fresh ones for query scaling (one table small, one large), and
 * nj-dcf and mo-dss runtimes for the workflows only they have, together: transition counts do not
 * depend on timing. The console is measured in Chromium and a contact's costs counted on the tn-dcs
 * runtime once ingest is done; the cost table comes last, from everything counted.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { approvedAccount } from '../test/support/accounts.ts';
import { consoleBenchmark } from './console.ts';
import { contactBodies } from './contacts.ts';
import { accountForContacts, postContact, recordItems } from './contacts-table.ts';
import { contactCounts, costs, inventory, itemBytes } from './cost.ts';
import { dynamoClient } from '../test/support/tables.ts';
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
  njGrantApproval,
  postSuggestion,
  type WorkflowResult,
} from './workflows.ts';

const started = performance.now();
const loadAverageAtStart = loadavg();
const progress = (line: string) =>
  process.stderr.write(`[${Math.round((performance.now() - started) / 1000)} s] ${line}\n`);
/** Each part's result as soon as it is measured, so a run that fails later keeps what it measured. */
const keep = async <T>(part: string, result: T): Promise<T> => {
  await mkdir(join(repositoryRoot, 'test-results', 'bench'), { recursive: true });
  await writeFile(
    join(repositoryRoot, 'test-results', 'bench', `${part}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  return result;
};
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
const functions = await keep('functions', await functionsBenchmark());

const { ingest, tnWorkflows, site, contact, contactItemBytes } = await withRuntimes(
  [['ingest', 'tn-dcs']],
  async ([runtime]) => {
    const { endpoints } = runtime!;
    const accountId = await accountForContacts(endpoints);
    progress('ingest: POST /contacts against the checked-write floor');
    const ingest = await keep('ingest', await ingestBenchmark(runtime!, accountId));
    progress('cost: what a POST /contacts invocation calls, consumes and logs');
    const bodies = contactBodies({
      count: 220,
      seed: 20,
      accountId,
      casePrefix: 'case-cost-',
      cases: 100,
      now: Date.now(),
    });
    const contact = await keep('contact-costs', await contactCounts(runtime!, bodies));
    const client = dynamoClient(endpoints);
    const sample = await recordItems(client, [await postContact(endpoints, bodies[0])]);
    client.destroy();
    const contactItemBytes = itemBytes(sample[0]!);
    progress('console: the home page in Chromium');
    const site = await keep('console', await consoleBenchmark(endpoints, accountId));
    progress('workflows: tn-dcs');
    const tnWorkflows: WorkflowResult[] = [
      await accountApproval(endpoints, 'one approver approves', null),
      await credentialRotation(endpoints, accountId),
      await incident(endpoints, accountId),
      await departure(endpoints),
    ];
    return { ingest, tnWorkflows, site, contact, contactItemBytes };
  },
);

progress('query: GET /contacts?caseId=… at 1,000 and 100,000 records');
const query = await withRuntimes(
  [
    ['query-small', 'tn-dcs'],
    ['query-large', 'tn-dcs'],
  ],
  ([small, large]) => queryBenchmark(small!, large!),
);

await keep('query', query);
await keep('workflows-tn', tnWorkflows);
progress('workflows: nj-dcf and mo-dss');
const [njApproval, moSuggestion] = await withRuntimes(
  [
    ['workflows-nj', 'nj-dcf'],
    ['workflows-mo', 'mo-dss'],
  ],
  ([nj, mo]) =>
    Promise.all([
      approvedAccount(nj!.endpoints, { platform: 'facebook' }).then(async (accountId) => [
        await accountApproval(nj!.endpoints, 'two approvers in serial both approve', goals.twoApproverTransitions),
        { ...(await njGrantApproval(nj!.endpoints, accountId)), goal: goals.twoApproverTransitions },
      ]),
      postSuggestion(mo!.endpoints),
    ]),
);

progress('cost: counting the priced resources of the synthesized app');
const counted = inventory('tn-dcs');

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
  workflows: [...tnWorkflows, ...njApproval, moSuggestion],
  console: site,
  cost: costs(contact, [...tnWorkflows, ...njApproval], counted, contactItemBytes),
};
const results: Results = { ...measured, goals: judge(measured) };
process.stdout.write(`\n${render(results)}`);
// Written whole or not at all: the README quotes this file.
const file = join(repositoryRoot, 'bench', 'results.json');
await writeFile(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
await rename(`${file}.tmp`, file);
progress(`done; results in bench/results.json`);
