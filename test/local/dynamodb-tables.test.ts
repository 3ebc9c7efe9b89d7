/**
 * The local runtime creates the tables of shared/tables.ts in DynamoDB Local and, in a data
 * directory kept from before an index was added (the contacts table's disposal index, gsi4),
 * adds what is missing, as a stack update would in AWS, with the projection the definition says.
 */
import { DescribeTableCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, startDynamoDb, type LocalDynamoDb } from '../../local/dynamodb.ts';
import { tables, type TableDefinition } from '../../shared/tables.ts';

let dynamo: LocalDynamoDb;
let client: DynamoDBClient;

beforeAll(async () => {
  dynamo = await startDynamoDb({});
  client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}, 90_000);

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

const describeIndexes = async (name: string) => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  return Object.fromEntries((Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.Projection]));
};

describe('local tables', () => {
  it('an older contacts table gains the disposal index, INCLUDE-projected, and it serves queries (CT-06)', async () => {
    const current = tables.contacts;
    const older: TableDefinition = {
      ...current,
      logicalId: 'ContactsBeforeGsi4',
      indexes: current.indexes.filter((index) => index.name !== 'gsi4'),
    };
    await ensureTable(client, older);
    expect(Object.keys(await describeIndexes(older.logicalId)).sort()).toEqual(['gsi1', 'gsi2', 'gsi3']);

    // The same table, now defined with gsi4: the kept data directory's case.
    await ensureTable(client, { ...current, logicalId: older.logicalId });
    const indexes = await describeIndexes(older.logicalId);
    expect(Object.keys(indexes).sort()).toEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4']);
    expect(indexes.gsi4).toEqual({
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: ['contactId', 'caseId', 'accountId', 'retainUntil'],
    });
    expect(indexes.gsi1).toEqual({ ProjectionType: 'ALL' });

    await client.send(
      new PutItemCommand({
        TableName: older.logicalId,
        Item: {
          pk: { S: 'CONTACT#ctc-1' },
          sk: { S: 'RECORD' },
          gsi4pk: { S: 'RETAIN#2033-01-02' },
          gsi4sk: { S: '2033-01-02T00:00:00.000Z#ctc-1' },
          contactId: { S: 'ctc-1' },
          caseId: { S: 'c' },
          accountId: { S: 'a' },
          retainUntil: { S: '2033-01-02T00:00:00.000Z' },
          summary: { S: 'not projected' },
        },
      }),
    );
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: older.logicalId,
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'RETAIN#2033-01-02' } },
      }),
    );
    expect(Items.map((item) => item.contactId?.S)).toEqual(['ctc-1']);
    expect(Items[0]!.summary).toBeUndefined();
  });

  it('ensuring a table that is already complete changes nothing', async () => {
    await ensureTable(client, tables.directory);
    const before = await describeIndexes(tables.directory.logicalId);
    await ensureTable(client, tables.directory);
    expect(await describeIndexes(tables.directory.logicalId)).toEqual(before);
  });
});
