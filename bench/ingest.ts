/**
 * Benchmark 1, contact ingest: valid POST /contacts through the local API against raw PutItem of
 * the same record items into the same table of the same DynamoDB Local, at the same concurrency.
 * The two alternate in blocks, so drift on a shared machine falls on both; the raw side writes
 * copies of the records the API wrote in the block just before, under fresh ids. Two more sides
 * show where the difference goes: the contact service called directly (ingest-service.ts), and
 * the floor any implementation that checks the rules against the table has, raw: one
 * BatchGetItem of the account, grant and worker (TN-01, TN-07, DC-03), then the PutItem. Issue 20
 * judges the service and the API against that floor; a last side, the floor with the write the
 * rules actually ask for (the record and its owed-transcript marker in one TransactWriteItems when
 * TN-12 says a transcript is owed), shows what that transaction costs.
 */
import { BatchGetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { owedMarker } from '../shared/adapters/transcripts.ts';
import type { ContactView } from '../shared/schemas/contacts.ts';
import { dynamoClient } from '../test/support/tables.ts';
import { contactBodies, copyItem, newContactId } from './contacts.ts';
import { contactsTable, postContact, rawContactCheckRequest, recordItems } from './contacts-table.ts';
import { serviceRecorder } from './ingest-service.ts';
import { atConcurrency, blocksOf, combine, type Timed } from './load.ts';
import type { BenchRuntime } from './runtime.ts';
import { ratio, summarize, type LatencySummary } from './stats.ts';

/** What the ingest benchmark reports. */
export interface IngestResult {
  count: number;
  concurrency: number;
  api: LatencySummary;
  raw: LatencySummary;
  /** shared/services/contacts.ts called directly, in a process of its own: the API's data access without the API. */
  service: LatencySummary;
  /** Raw BatchGetItem of what the rules read, then raw PutItem: the least a checked write costs. */
  floor: LatencySummary;
  /** The floor, with the owed-transcript marker written in the record's transaction where TN-12 owes one. */
  floorWithMarker: LatencySummary;
  /** Share of the contacts that owe a transcript (and so are a TransactWriteItems, not a PutItem). */
  owedShare: number;
  ratios: {
    throughput: number;
    p50: number;
    p99: number;
    serviceThroughput: number;
    floorThroughput: number;
    /** Issue 20's goals: against the floor. */
    serviceVsFloor: number;
    apiVsFloor: number;
    apiP99VsFloor: number;
    apiVsFloorWithMarker: number;
    floorWithMarkerVsFloor: number;
  };
}

/** The N and concurrency, and how the run is split into blocks and warmed up. */
export const ingestSettings = {
  count: 5_000,
  concurrency: 16,
  blockSize: 1_000,
  warmup: 300,
  servicePerBlock: 100,
  seed: 8,
};

/** Runs the benchmark on a runtime whose case system may record contacts for `accountId`. */
export async function ingestBenchmark(
  runtime: BenchRuntime,
  accountId: string,
  settings = ingestSettings,
): Promise<IngestResult> {
  const { endpoints } = runtime;
  const client = dynamoClient(endpoints);
  const recordService = await serviceRecorder(runtime);
  const bodies = contactBodies({
    count: settings.warmup + settings.count,
    seed: settings.seed,
    accountId,
    casePrefix: 'case-ingest-',
    cases: 1_000,
    now: Date.now(),
  });
  const { concurrency } = settings;

  // One block: the API records the bodies, raw PutItem writes copies of what it stored, then the
  // service records the first few of the same bodies again.
  const block = async (blockBodies: Array<Record<string, unknown>>) => {
    const ids: string[] = new Array(blockBodies.length);
    const api = await atConcurrency(blockBodies, concurrency, async (body, index) => {
      ids[index] = await postContact(endpoints, body);
    });
    const copies = (await recordItems(client, ids)).map((item, index) =>
      copyItem(item, [[ids[index]!, newContactId()]]),
    );
    const raw = await atConcurrency(copies, concurrency, async (Item) => {
      await client.send(new PutItemCommand({ TableName: contactsTable, Item }));
    });
    const service = await recordService.record(blockBodies.slice(0, settings.servicePerBlock), concurrency);
    const floorCopies = copies.map((item) => copyItem(item, [[item.contactId!.S!, newContactId()]]));
    const floor = await atConcurrency(floorCopies, concurrency, async (Item) => {
      await client.send(
        new BatchGetItemCommand({ RequestItems: rawContactCheckRequest(Item.accountId!.S!, Item.workerId!.S!) }),
      );
      await client.send(new PutItemCommand({ TableName: contactsTable, Item }));
    });
    const markerCopies = copies.map((item) => copyItem(item, [[item.contactId!.S!, newContactId()]]));
    owed += markerCopies.filter((item) => item.transcriptOwed?.BOOL).length;
    written += markerCopies.length;
    const floorWithMarker = await atConcurrency(markerCopies, concurrency, async (Item) => {
      await client.send(
        new BatchGetItemCommand({ RequestItems: rawContactCheckRequest(Item.accountId!.S!, Item.workerId!.S!) }),
      );
      const put = { TableName: contactsTable, Item, ConditionExpression: 'attribute_not_exists(pk)' };
      if (!Item.transcriptOwed?.BOOL) {
        await client.send(new PutItemCommand(put));
        return;
      }
      const record = unmarshall(Item) as ContactView & { accountRegion: string };
      const marker = marshall(owedMarker(record, record.accountRegion), { removeUndefinedValues: true });
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Put: put }, { Put: { TableName: contactsTable, Item: marker } }],
        }),
      );
    });
    return { api, raw, service, floor, floorWithMarker };
  };
  let owed = 0;
  let written = 0;

  const measured: Array<{ api: Timed; raw: Timed; service: Timed; floor: Timed; floorWithMarker: Timed }> = [];
  try {
    // Warm-up: JIT, connection pools and DynamoDB Local's caches, on every side.
    await block(bodies.slice(0, settings.warmup));
    for (const blockBodies of blocksOf(bodies.slice(settings.warmup), settings.blockSize))
      measured.push(await block(blockBodies));
  } finally {
    client.destroy();
    recordService.close();
  }

  const api = summarize(combine(measured.map((m) => m.api)));
  const raw = summarize(combine(measured.map((m) => m.raw)));
  const service = summarize(combine(measured.map((m) => m.service)));
  const floor = summarize(combine(measured.map((m) => m.floor)));
  const floorWithMarker = summarize(combine(measured.map((m) => m.floorWithMarker)));
  return {
    count: settings.count,
    concurrency,
    api,
    raw,
    service,
    floor,
    floorWithMarker,
    owedShare: ratio(owed, written),
    ratios: {
      throughput: ratio(api.throughput, raw.throughput),
      p50: ratio(api.p50Ms, raw.p50Ms),
      p99: ratio(api.p99Ms, raw.p99Ms),
      serviceThroughput: ratio(service.throughput, raw.throughput),
      floorThroughput: ratio(floor.throughput, raw.throughput),
      serviceVsFloor: ratio(service.throughput, floor.throughput),
      apiVsFloor: ratio(api.throughput, floor.throughput),
      apiP99VsFloor: ratio(api.p99Ms, floor.p99Ms),
      apiVsFloorWithMarker: ratio(api.throughput, floorWithMarker.throughput),
      floorWithMarkerVsFloor: ratio(floorWithMarker.throughput, floor.throughput),
    },
  };
}
