/**
 * `node bench/run-ingest.ts`: the ingest benchmark alone, printed, results.json untouched — for
 * working on ingest without the whole run. With `BENCH_CPU_PROF=<dir>` the runtime writes a CPU
 * profile there (`node --cpu-prof`), to see where a request's time goes before and after a change.
 */
import { accountForContacts } from './contacts-table.ts';
import { ingestBenchmark, ingestSettings } from './ingest.ts';
import { startBenchRuntime } from './runtime.ts';

const count = Number(process.argv[2] ?? ingestSettings.count);
const runtime = await startBenchRuntime('ingest', 'tn-dcs');
try {
  const accountId = await accountForContacts(runtime.endpoints);
  const result = await ingestBenchmark(runtime, accountId, { ...ingestSettings, count });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await runtime.stop();
}
