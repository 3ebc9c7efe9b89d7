/**
 * Benchmark 2, query scaling: GET /contacts?caseId=… latency with 1,000 and with 100,000 contact
 * records in the table. Two runtimes hold the two tables, and requests alternate between them, so
 * whatever else the machine does meanwhile falls on both alike (measured one after the other, the
 * tail was decided by the neighbours). The case read is the same on both, its records posted
 * through the API; every other record is a copy of one of them under a fresh id in another case,
 * written with BatchWriteItem because posting 100,000 through the API would take most of the run.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { apiClient } from '../test/support/api.ts';
import { dynamoClient } from '../test/support/tables.ts';
import { contactBodies, copyItem, newContactId } from './contacts.ts';
import { accountForContacts, postContact, recordItems, writeItems } from './contacts-table.ts';
import { atConcurrency } from './load.ts';
import type { BenchRuntime } from './runtime.ts';
import { percentile, ratio, round } from './stats.ts';

/** Latency of the read with `records` contact records in the table. */
export interface QuerySide {
  records: number;
  p50Ms: number;
  p99Ms: number;
}

/** What the query benchmark reports. */
export interface QueryResult {
  caseRecords: number;
  requests: number;
  small: QuerySide;
  large: QuerySide;
  ratios: { p50: number; p99: number };
}

// Every case id has the same length, so a copy moved to another case keeps the template's size.
const queriedCase = 'case-query-99999';
const otherCase = (index: number) => `case-query-${String(index).padStart(5, '0')}`;

/** The two table sizes of the issue, the queried case, and how many reads are timed. */
export const querySettings = {
  small: 1_000,
  large: 100_000,
  caseRecords: 40,
  recordsPerOtherCase: 20,
  requests: 1_500,
  warmup: 1_000,
  seed: 2,
};

/**
 * Fills `runtime`'s contacts table to `records` records, the queried case's first (the same
 * bodies on every runtime); resolves with one read of that case, which checks what it gets.
 */
async function prepare(
  runtime: BenchRuntime,
  records: number,
  settings: typeof querySettings,
): Promise<() => Promise<void>> {
  const { endpoints } = runtime;
  const accountId = await accountForContacts(endpoints);
  const client = dynamoClient(endpoints);
  const bodies = contactBodies({
    count: settings.caseRecords,
    seed: settings.seed,
    accountId,
    casePrefix: 'unused-',
    cases: 1,
    now: Date.now(),
  }).map((body) => ({ ...body, caseId: queriedCase }));
  const ids: string[] = [];
  for (const body of bodies) ids.push(await postContact(endpoints, body));
  const templates = (await recordItems(client, ids)).map((item, index) => ({ item, id: ids[index]! }));
  for (let written = settings.caseRecords; written < records; ) {
    const chunk: Array<Record<string, AttributeValue>> = [];
    for (; written < records && chunk.length < 5_000; written++) {
      const template = templates[written % templates.length]!;
      chunk.push(
        copyItem(template.item, [
          [template.id, newContactId()],
          [queriedCase, otherCase(Math.floor(written / settings.recordsPerOtherCase))],
        ]),
      );
    }
    await writeItems(client, chunk);
  }
  client.destroy();
  const api = apiClient(endpoints);
  const path = `/contacts?caseId=${queriedCase}`;
  return async () => {
    const response = await api.get(path, { as: 'caseSystem' });
    if (response.status !== 200 || response.body.items.length !== settings.caseRecords)
      throw new Error(`GET ${path}: ${response.status} ${response.text.slice(0, 200)}`);
  };
}

/** Runs the benchmark on two fresh tn-dcs runtimes: one gets `small` records, the other `large`. */
export async function queryBenchmark(
  small: BenchRuntime,
  large: BenchRuntime,
  settings = querySettings,
): Promise<QueryResult> {
  const reads = await Promise.all([prepare(small, settings.small, settings), prepare(large, settings.large, settings)]);
  // A thousand reads on each first, eight at a time: DynamoDB Local's JIT would otherwise still be
  // compiling the query path on the small table, while loading the large one warmed everything.
  for (const read of reads) await atConcurrency(Array.from({ length: settings.warmup }), 8, read);
  // Then one request at a time, alternating (and alternating which goes first): this is about how
  // long one read takes, not how many fit through.
  const latencies: [number[], number[]] = [[], []];
  for (let index = 0; index < settings.requests; index++) {
    for (const side of index % 2 === 0 ? [0, 1] : [1, 0]) {
      const begun = performance.now();
      await reads[side]!();
      latencies[side]!.push(performance.now() - begun);
    }
  }
  const summary = (records: number, samples: number[]): QuerySide => ({
    records,
    p50Ms: round(percentile(samples, 50), 2),
    p99Ms: round(percentile(samples, 99), 2),
  });
  const [smallSide, largeSide] = [summary(settings.small, latencies[0]), summary(settings.large, latencies[1])];
  return {
    caseRecords: settings.caseRecords,
    requests: settings.requests,
    small: smallSide,
    large: largeSide,
    ratios: { p50: ratio(largeSide.p50Ms, smallSide.p50Ms), p99: ratio(largeSide.p99Ms, smallSide.p99Ms) },
  };
}
