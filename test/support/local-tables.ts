/**
 * DynamoDB Local holding some of the tables of shared/tables.ts, for tests of adapters that need no
 * whole runtime: the SDK's environment points at it and names the tables (plus `env`), and `stop` puts
 * the environment back as it was.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, startDynamoDb } from '../../local/dynamodb.ts';
import { type TableKey, tables } from '../../shared/tables.ts';

/** A running DynamoDB Local with the tables created. */
export interface LocalTables {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local on a free port and creates `keys`' tables in it. */
export async function startLocalTables(
  keys: readonly TableKey[],
  env: Record<string, string> = {},
): Promise<LocalTables> {
  const saved = { ...process.env };
  const dynamoDb = await startDynamoDb({});
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...Object.fromEntries(keys.map((key) => [tables[key].envVar, tables[key].logicalId])),
    ...env,
  });
  const admin = new DynamoDBClient({});
  try {
    for (const key of keys) await ensureTable(admin, tables[key]);
  } finally {
    admin.destroy();
  }
  return {
    endpoint: dynamoDb.endpoint,
    stop: async () => {
      process.env = saved;
      await dynamoDb.stop();
    },
  };
}
