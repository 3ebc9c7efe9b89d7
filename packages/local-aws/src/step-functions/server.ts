/**
 * A local AWS Step Functions endpoint: the awsJson1_0 wire protocol (`X-Amz-Target:
 * AWSStepFunctions.<Operation>`) in front of the aws-local-stepfunctions interpreter, so the SDK's
 * SFNClient and `aws stepfunctions` work against the same ASL files that deploy to AWS. Task states
 * run Lambda functions through `invokeFunction`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from '../listen.ts';
import { internalFailure, serialization, SfnError, unknownOperation } from './errors.ts';
import { ExecutionStore } from './executions.ts';
import { JsonFiles } from './json-files.ts';
import { createOperations, type Operation } from './operations.ts';
import type { LocalFunctionInvoker } from './invoker.ts';
import { StateMachineRegistry } from './state-machines.ts';

export type { LocalFunctionInvoker } from './invoker.ts';

/** Where the endpoint listens, which account it plays, and how it runs functions. */
export interface StepFunctionsOptions {
  /** 0 or absent: any free port. */
  port?: number;
  host?: string;
  region?: string;
  accountId?: string;
  invokeFunction: LocalFunctionInvoker;
  /** Per state-machine-name overrides of Wait state durations in ms, so tests and the demo don't wait days. */
  waitTimeOverrides?: Record<string, Record<string, number>>;
  /** Where state machines and executions persist; in memory only when absent. */
  dataDir?: string;
}

/** A running endpoint; point SFNClient or `aws --endpoint-url` at `endpoint`. */
export interface LocalStepFunctions {
  endpoint: string;
  port: number;
  /** Stops answering and stops running executions; those stay RUNNING on disk (see executions.ts). */
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AWSStepFunctions.';
// Definitions may be 1 MiB and task outputs 256 KiB; anything far beyond is not a real request.
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Starts the endpoint, after loading what `dataDir` holds from a previous run. */
export async function startStepFunctions(options: StepFunctionsOptions): Promise<LocalStepFunctions> {
  const scope = { region: options.region ?? 'us-east-1', accountId: options.accountId ?? '123456789012' };
  const files = options.dataDir ? await JsonFiles.open(options.dataDir) : undefined;
  const stateMachines = new StateMachineRegistry(scope, files);
  const executions = new ExecutionStore({
    scope,
    invokeFunction: options.invokeFunction,
    waitTimeOverrides: options.waitTimeOverrides,
    files,
  });
  await stateMachines.load();
  await executions.load();
  const operations = createOperations(stateMachines, executions);

  const server = createServer((request, response) => void answer(operations, request, response));
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    endpoint: `http://${reachableHost}:${port}`,
    port,
    async close() {
      executions.halt();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await files?.flush();
    },
  };
}

async function answer(
  operations: Record<string, Operation>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let status = 200;
  let body: unknown;
  try {
    const text = await readBody(request);
    const target = request.headers['x-amz-target'];
    const name =
      typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    const operation =
      request.method === 'POST' && name !== undefined && Object.hasOwn(operations, name) ? operations[name] : undefined;
    if (!operation) throw unknownOperation();
    body = operation(parseInput(text));
  } catch (error) {
    const failure = error instanceof SfnError ? error : internalFailure();
    if (!(error instanceof SfnError)) console.error('Step Functions local: request failed:', error);
    status = failure.status;
    body = failure.hasMessage ? { __type: failure.type, message: failure.message } : { __type: failure.type };
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}

function parseInput(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw serialization('The request body is not valid JSON.');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw serialization('The request body must be a JSON object.');
  return input as Record<string, unknown>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw serialization('The request body is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
