/**
 * Child process of cost.ts: invokes the POST /contacts function's handler itself (the module CDK
 * bundles) with API Gateway's event, in the functions' environment, the way Lambda would, and
 * counts what each invocation costs: AWS calls by service and operation, DynamoDB capacity as
 * DynamoDB reports it (ReturnConsumedCapacity, set on every call by a middleware on the product's
 * own client), the invocation's wall time, the process's memory, and the bytes it logs.
 */
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { dynamo } from '../shared/adapters/clients.ts';

/** What the worker counts over a batch of invocations; cost.ts reads it back over IPC. */
export interface Tally {
  invocations: number;
  calls: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  durationsMs: number[];
  logBytes: number;
  maxRssMb: number;
}

const tally: Tally = {
  invocations: 0,
  calls: {},
  readUnits: 0,
  writeUnits: 0,
  durationsMs: [],
  logBytes: 0,
  maxRssMb: 0,
};

type Capacity = { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number };
dynamo().middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as Record<string, unknown>;
    input.ReturnConsumedCapacity = 'TOTAL';
    const result = await next(args);
    const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
    tally.calls[`DynamoDB.${operation}`] = (tally.calls[`DynamoDB.${operation}`] ?? 0) + 1;
    const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
    for (const entry of [consumed ?? []].flat()) {
      // DynamoDB Local reports CapacityUnits only; reads and writes are told apart by the operation.
      const units = entry.CapacityUnits ?? 0;
      if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
        tally.readUnits += entry.ReadCapacityUnits ?? 0;
        tally.writeUnits += entry.WriteCapacityUnits ?? 0;
      } else if (/^(Get|BatchGet|Query|TransactGet)/.test(operation)) tally.readUnits += units;
      else tally.writeUnits += units;
    }
    return result;
  },
  { step: 'initialize', name: 'benchConsumedCapacity' },
);

// What the function logs (Lambda sends stdout to CloudWatch Logs): counted, not shown.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array) => {
  tally.logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  return true;
}) as typeof process.stdout.write;
void write;

const { handler } = (await import('../functions/contacts/record-contact.ts')) as {
  handler: (event: unknown, context: Context) => Promise<{ statusCode: number; body?: string }>;
};

const context = (name: string): Context =>
  ({
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => 30_000,
  }) as Context;

function event(callerId: string, body: unknown) {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: 'POST /contacts',
    rawPath: '/contacts',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.local',
      domainPrefix: 'bench',
      http: { method: 'POST', path: '/contacts', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: 'POST /contacts',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: { jwt: { claims: { sub: callerId }, scopes: [] } },
    },
  };
}

process.on('message', async (message: { callerId: string; bodies: unknown[] }) => {
  try {
    for (const body of message.bodies) {
      const started = performance.now();
      const response = await handler(event(message.callerId, body), context('RecordContact'));
      tally.durationsMs.push(performance.now() - started);
      if (response.statusCode !== 201)
        throw new Error(`POST /contacts answered ${response.statusCode}: ${response.body}`);
      tally.invocations += 1;
      tally.maxRssMb = Math.max(tally.maxRssMb, process.memoryUsage().rss / 2 ** 20);
    }
    process.send!(tally);
  } catch (error) {
    process.send!({ error: `${(error as Error).name}: ${(error as Error).message}` });
  }
});
