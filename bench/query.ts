/**
 * Benchmark 2, query scaling: GET /contacts?caseId=… latency with 1,000 and with 100,000 contact
 * records in the table. The case read is the same both times (its records posted through the
 * API); every other record is a copy of one of them under a fresh id in another case, written
 * with BatchWriteItem because posting 100,000 through the API would take most of the run.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { apiClient } from '../test/support/api.ts';
import { dynamoClient } from '../test/support/tables.ts';
import { contactBodies, copyItem, newContactId } from './contacts.ts';
import { postContact, recordItems, writeItems } from './contacts-table.ts';
import { atConcurrency } from './load.ts';
import type { BenchRuntime } from './runtime.ts';
import { ratio, summarize, type LatencySummary } from './stats.ts';

/** What the query benchmark reports. */
export interface QueryResult {
  caseRecords: number;
  requests: number;
  small: LatencySummary & { records: number };
  large: LatencySummary & { records: number };
  ratios: { p50: number; p99: number };
}

// Every case id has the same length, so a copy moved to another case keeps the template's size.
const queriedCase = 'case-query-99999';
const otherCase = (index: number) => `case-query-${String(index).padStart(5, '0')}`;

export const querySettings = { small: 1_000, large: 100_000, caseRecords: 40, recordsPerOtherCase: 20, requests: 1_000, warmup: 1_000, seed: 2 };

/** Runs the benchmark on a fresh runtime whose case system may record contacts for `accountId`. */
export async function queryBenchmark(runtime: BenchRuntime, accountId: string, settings = querySettings): Promise<QueryResult> {
  const { endpoints } = runtime;
  const client = dynamoClient(endpoints);
  const bodies = contactBodies({ count: settings.caseRecords, seed: settings.seed, accountId, casePrefix: 'unused-', cases: 1, now: Date.now() }).map((body) => ({ ...body, caseId: queriedCase }));
  const ids: string[] = [];
  for (const body of bodies) ids.push(await postContact(endpoints, body));
  const templates = (await recordItems(client, ids)).map((item, index) => ({ item, id: ids[index]! }));

  let records = settings.caseRecords;
  // Copies of the queried case's records, `recordsPerOtherCase` to a case, up to `total` records.
  const fillTo = async (total: number) => {
    while (records < total) {
      const chunk: Array<Record<string, AttributeValue>> = [];
      for (; records < total && chunk.length < 5_000; records++) {
        const template = templates[records % templates.length]!;
        chunk.push(copyItem(template.item, [[template.id, newContactId()], [queriedCase, otherCase(Math.floor(records / settings.recordsPerOtherCase))]]));
      }
      await writeItems(client, chunk);
    }
  };

  const api = apiClient(endpoints);
  const path = `/contacts?caseId=${queriedCase}`;
  const get = async () => {
    const response = await api.get(path, { as: 'caseSystem' });
    if (response.status !== 200 || response.body.items.length !== settings.caseRecords) throw new Error(`GET ${path}: ${response.status} ${response.text.slice(0, 200)}`);
  };
  const measure = async () => {
    // A thousand reads first, eight at a time: DynamoDB Local's JIT would otherwise still be
    // compiling the query path at 1,000 records, and loading 99,000 more warms everything.
    await atConcurrency(Array.from({ length: settings.warmup }), 8, get);
    // Then one request at a time: this is about how long one read takes, not how many fit through.
    return summarize(await atConcurrency(Array.from({ length: settings.requests }), 1, get));
  };

  await fillTo(settings.small);
  const small = { records, ...(await measure()) };
  await fillTo(settings.large);
  const large = { records, ...(await measure()) };
  client.destroy();
  return { caseRecords: settings.caseRecords, requests: settings.requests, small, large, ratios: { p50: ratio(large.p50Ms, small.p50Ms), p99: ratio(large.p99Ms, small.p99Ms) } };
}
