/**
 * What reading the caller from the directory costs a request (issue 15.3): N sequential GET /me and
 * POST /contacts through the local API with one token each, p50/p99, plus the raw GetItem of a
 * directory record against the same DynamoDB Local (the floor of what the lookup can add). Run it on
 * two checkouts, before and after, on the same machine: `node bench/caller-lookup.ts [N]`.
 * Sequential on purpose: one request at a time measures a request's latency, not the machine's queue.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { tables } from '../shared/tables.ts';
import { apiClient } from '../test/support/api.ts';
import { dynamoClient } from '../test/support/tables.ts';
import { contactBodies } from './contacts.ts';
import { accountForContacts, postContact } from './contacts-table.ts';
import { startBenchRuntime } from './runtime.ts';
import { percentile, round } from './stats.ts';

const count = Number(process.argv[2] ?? 2_000);
const warmup = 200;

async function timed(times: number, call: (index: number) => Promise<unknown>) {
  const latencies: number[] = [];
  for (let index = 0; index < times; index++) {
    const start = performance.now();
    await call(index);
    latencies.push(performance.now() - start);
  }
  const mean = latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length;
  return {
    n: times,
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    meanMs: round(mean, 2),
  };
}

const runtime = await startBenchRuntime('caller-lookup');
try {
  const { endpoints } = runtime;
  const api = apiClient(endpoints);
  const accountId = await accountForContacts(endpoints);
  const bodies = contactBodies({
    count: warmup + count,
    seed: 15,
    accountId,
    casePrefix: 'case-caller-',
    cases: 500,
    now: Date.now(),
  });
  const me = async () => {
    const response = await api.get('/me', { as: 'staff' });
    if (response.status !== 200) throw new Error(`GET /me answered ${response.status}`);
  };
  const client = dynamoClient(endpoints);
  const getItem = () =>
    client.send(
      new GetItemCommand({
        TableName: tables.directory.logicalId,
        Key: { pk: { S: 'STAFF#stf-case-system' }, sk: { S: 'PROFILE' } },
      }),
    );
  await timed(warmup, me);
  await timed(warmup, (index) => postContact(endpoints, bodies[index]));
  await timed(warmup, getItem);
  const results = {
    'GET /me (staff)': await timed(count, me),
    'POST /contacts (caseSystem)': await timed(count, (index) => postContact(endpoints, bodies[warmup + index])),
    'raw GetItem STAFF#… (DynamoDB Local)': await timed(count, getItem),
  };
  client.destroy();
  console.table(results);
  console.log(JSON.stringify(results));
} finally {
  await runtime.stop();
}
