/**
 * `node bench/dynamodb-local-ops.ts`: what each DynamoDB operation a contact could be recorded with
 * costs on DynamoDB Local, apart from everything else, at the ingest benchmark's concurrency. It is
 * the evidence behind the shape of shared/services/contacts.ts (README, Performance): a two-item
 * TransactWriteItems runs at a fraction of PutItem's rate here, and one BatchGetItem of three keys
 * beats three GetItems in parallel. Not part of `npm run bench`; run it when that shape is in doubt.
 *
 * The tables are the product's (shared/tables.ts, created as the local runtime creates them) in an
 * in-memory DynamoDB Local; items look like the ingest benchmark's. Each operation runs twice, and
 * the second round (warm) is the one to read; ratios are against PutItem in the same round.
 */
import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { ensureTable, startDynamoDb } from '../local/dynamodb.ts';
import { accountKey } from '../shared/adapters/accounts.ts';
import { staffKey } from '../shared/adapters/directory.ts';
import { grantKey } from '../shared/adapters/grants.ts';
import { tables } from '../shared/tables.ts';
import { rawContactCheckRequest, stringAttributes } from './contacts-table.ts';
import { atConcurrency } from './load.ts';
import { ingestSettings } from './ingest.ts';
import { ratio, summarize } from './stats.ts';

const operationsPerSide = 2_000;
type Item = Record<string, AttributeValue>;

const local = await startDynamoDb({});
const client = new DynamoDBClient({
  endpoint: local.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
try {
  for (const table of [tables.contacts, tables.accounts, tables.directory]) await ensureTable(client, table);
  const [contacts, accounts, directory] = [
    tables.contacts.logicalId,
    tables.accounts.logicalId,
    tables.directory.logicalId,
  ];
  await client.send(
    new PutItemCommand({
      TableName: accounts,
      Item: { ...stringAttributes(accountKey('acc-1')), status: { S: 'active' } },
    }),
  );
  await client.send(
    new PutItemCommand({
      TableName: accounts,
      Item: { ...stringAttributes(grantKey('acc-1', 'stf-1')), grantedAt: { S: '2026-01-01T00:00:00.000Z' } },
    }),
  );
  await client.send(
    new PutItemCommand({
      TableName: directory,
      Item: { ...stringAttributes(staffKey('stf-1')), unit: { S: 'locator' }, region: { S: 'knox' } },
    }),
  );

  let sequence = 0;
  /** A record item as putContact writes it: keys of every index, and a body of typical size. */
  const record = (): Item => {
    const id = `ctc_ops${sequence++}`;
    const at = `2026-11-01T00:00:00.000Z#${id}`;
    return {
      ...stringAttributes({
        pk: `CONTACT#${id}`,
        sk: 'RECORD',
        gsi1pk: `CASE#case-${sequence % 1_000}`,
        gsi1sk: at,
        gsi2pk: 'ACCOUNT#acc-1',
        gsi2sk: at,
        gsi3pk: 'WORKER#stf-1',
        gsi3sk: at,
      }),
      ...stringAttributes({
        gsi4pk: 'RETAIN#2033-11-01',
        gsi4sk: `2033-11-01T00:00:00.000Z#${id}`,
        contactId: id,
        caseId: `case-${sequence % 1_000}`,
        accountId: 'acc-1',
        retainUntil: '2033-11-01T00:00:00.000Z',
      }),
      ...stringAttributes({ workerName: 'Sky Caseworker', channel: 'private-message', summary: 'x'.repeat(300) }),
    };
  };
  const put = (Item: Item) =>
    client.send(new PutItemCommand({ TableName: contacts, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
  const batchGet = () =>
    client.send(new BatchGetItemCommand({ RequestItems: rawContactCheckRequest('acc-1', 'stf-1') }));
  const getItem = (TableName: string, key: Record<string, string>) =>
    client.send(new GetItemCommand({ TableName, Key: stringAttributes(key), ConsistentRead: true }));

  const operations: Record<string, () => Promise<unknown>> = {
    'PutItem (the record)': () => put(record()),
    'TransactWriteItems (record + marker)': () => {
      const item = record();
      const marker = stringAttributes({
        pk: 'RETAIN#2033-11-01',
        sk: `2033-11-01T00:00:00.000Z#${item.contactId!.S}`,
        contactId: item.contactId!.S!,
      });
      return client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: contacts, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: contacts, Item: marker } },
          ],
        }),
      );
    },
    'GetItem x3 in parallel': () =>
      Promise.all([
        getItem(accounts, accountKey('acc-1')),
        getItem(accounts, grantKey('acc-1', 'stf-1')),
        getItem(directory, staffKey('stf-1')),
      ]),
    'BatchGetItem (3 keys)': batchGet,
    'BatchGetItem, then PutItem': async () => {
      await batchGet();
      await put(record());
    },
  };

  for (let round = 1; round <= 2; round++) {
    const measured: Array<[string, ReturnType<typeof summarize>]> = [];
    for (const [name, operation] of Object.entries(operations)) {
      measured.push([
        name,
        summarize(
          await atConcurrency(
            Array.from({ length: operationsPerSide }),
            ingestSettings.concurrency,
            async () => void (await operation()),
          ),
        ),
      ]);
    }
    const putRate = measured[0]![1].throughput;
    process.stdout.write(
      `round ${round}${round === 1 ? ' (warm-up)' : ''}, concurrency ${ingestSettings.concurrency}, ${operationsPerSide} each\n`,
    );
    for (const [name, summary] of measured)
      process.stdout.write(
        `  ${name.padEnd(38)} ${String(summary.throughput).padStart(8)}/s  ${ratio(summary.throughput, putRate).toFixed(2)}× PutItem\n`,
      );
  }
} finally {
  client.destroy();
  await local.stop();
}
