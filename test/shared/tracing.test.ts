/**
 * shared/tracing.ts against real parts: a UDP socket standing in for the X-Ray daemon, a real AWS
 * SDK client talking to a local HTTP server that answers like DynamoDB, and a middy handler. The
 * datagrams are what X-Ray would get.
 */
import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../shared/errors.ts';
import { withInvocationContext } from '../../shared/invocation-context.ts';
import { putAnnotation, traceClient, traceInvocation } from '../../shared/tracing.ts';

const root = '1-5759e988-bd862e3fe1be46a994272793';
const parent = '53995c3f42cd8ad8';
const traceHeader = (sampled: '0' | '1') => `Root=${root};Parent=${parent};Sampled=${sampled};Lineage=a87bd80c:0`;
/** Planted where a careless tracer would copy it from: the request's key, the event, the response. */
const secrets = ['secret-looking-K3y-value', 'secret-task-token', 'secret-response-body'];
const daemonHeader = '{"format": "json", "version": 1}\n';

let daemon: Socket;
let received: string[] = [];
let dynamo: Server;
/** Trace headers the fake DynamoDB received, by operation. */
let traceHeaders: Record<string, string | undefined> = {};
let flakyAnswered = false;
const savedEnv = { ...process.env };

/** Answers like DynamoDB: GetItem `{}`, PutItem a conditional-check failure, `flaky` a 500 once. */
function fakeDynamo(request: IncomingMessage, response: ServerResponse) {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const operation = String(request.headers['x-amz-target']).split('.')[1] ?? '';
    traceHeaders[operation] = request.headers['x-amzn-trace-id'] as string | undefined;
    const answer = (status: number, json: object) => {
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': `req-${operation}-${status}`,
      });
      response.end(JSON.stringify(json));
    };
    if (body.includes('"flaky"') && !flakyAnswered) {
      flakyAnswered = true;
      return answer(500, {
        __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
        message: 'Internal server error',
      });
    }
    if (operation === 'PutItem')
      return answer(400, {
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
      });
    return answer(200, {});
  });
}

const context = {
  functionName: 'contact-ingest',
  awsRequestId: 'lambda-request-1',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;
let client: DynamoDBClient;

type Event = { table?: string; fail?: 'unexpected' | 'notFound'; taskToken?: string };
const handler = withInvocationContext(
  middy<Event, unknown, Error, Context>()
    .use(traceInvocation())
    .handler(async (event) => {
      putAnnotation('correlationId', 'corr-1');
      await client.send(new GetItemCommand({ TableName: event.table ?? 'contacts', Key: { id: { S: secrets[0]! } } }));
      await client
        .send(
          new PutItemCommand({
            TableName: 'contacts',
            Item: { id: { S: secrets[0]! } },
            ConditionExpression: 'attribute_not_exists(id)',
          }),
        )
        .catch(() => undefined);
      if (event.fail === 'unexpected') throw new Error('the table is gone');
      if (event.fail === 'notFound') throw new NotFoundError('No such contact.');
      return { body: secrets[2] };
    }),
);
const invoke = (event: Event = {}) => handler({ taskToken: secrets[1], ...event }, context);

/** The datagrams once `count` have arrived (or after `ms`, to show that none do). */
async function datagrams(count: number, ms = 2_000): Promise<Array<Record<string, any>>> {
  for (const deadline = Date.now() + ms; received.length < count && Date.now() < deadline; )
    await new Promise((r) => setTimeout(r, 10));
  for (const datagram of received) expect(datagram.startsWith(daemonHeader)).toBe(true);
  return received.map((datagram) => JSON.parse(datagram.slice(daemonHeader.length)));
}
const named = (documents: Array<Record<string, any>>, name: string) => documents.filter((d) => d.name === name);

beforeAll(async () => {
  daemon = createSocket('udp4').on('message', (message) => received.push(message.toString()));
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  dynamo = createServer(fakeDynamo);
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  client = traceClient(
    new DynamoDBClient({
      endpoint: `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 3,
    }),
  );
});

beforeEach(() => {
  received = [];
  traceHeaders = {};
  for (const key of ['POWERTOOLS_TRACE_ENABLED', 'POWERTOOLS_DEV']) delete process.env[key];
  // What Lambda sets for a sampled invocation (`_X_AMZN_TRACE_ID` changes per invocation).
  Object.assign(process.env, {
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
    _X_AMZN_TRACE_ID: traceHeader('1'),
    AWS_LAMBDA_FUNCTION_NAME: 'contact-ingest',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    _HANDLER: 'index.handler',
  });
});

afterAll(async () => {
  process.env = savedEnv;
  daemon.close();
  await new Promise((resolve) => dynamo.close(resolve));
});

describe('traceInvocation and traceClient', () => {
  // First in the file: the process's first invocation is its cold start.
  it("sends the invocation and each SDK call as subsegments under Lambda's segment, with no request data", async () => {
    // Act
    const result = await invoke();
    const documents = await datagrams(3);
    // Assess
    expect(result).toEqual({ body: secrets[2] });
    expect(documents).toHaveLength(3);
    const [invocation] = named(documents, '## index.handler');
    expect(invocation).toMatchObject({
      type: 'subsegment',
      trace_id: root,
      parent_id: parent,
      annotations: { ColdStart: true, Service: 'official-accounts', correlationId: 'corr-1' },
    });
    expect(invocation!.id).toMatch(/^[0-9a-f]{16}$/);
    expect(invocation!.end_time).toBeGreaterThanOrEqual(invocation!.start_time);
    expect(Math.abs(invocation!.start_time - Date.now() / 1000)).toBeLessThan(60);
    expect(invocation).not.toHaveProperty('fault');
    expect(invocation).not.toHaveProperty('error');

    const [get, put] = named(documents, 'DynamoDB').sort((a, b) => a.start_time - b.start_time);
    expect(get).toEqual({
      type: 'subsegment',
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      trace_id: root,
      parent_id: invocation!.id,
      name: 'DynamoDB',
      namespace: 'aws',
      start_time: expect.any(Number),
      end_time: expect.any(Number),
      aws: {
        operation: 'GetItem',
        region: 'eu-west-1',
        request_id: 'req-GetItem-200',
        retries: 0,
        table_name: 'contacts',
      },
      http: { response: { status: 200 } },
    });
    expect(put).toMatchObject({
      parent_id: invocation!.id,
      aws: { operation: 'PutItem', request_id: 'req-PutItem-400', table_name: 'contacts' },
      http: { response: { status: 400 } },
      error: true,
    });
    expect(put).not.toHaveProperty('fault');
    expect(put!.cause.exceptions).toEqual([
      { id: expect.any(String), type: 'ConditionalCheckFailedException', remote: true },
    ]);

    // Downstream, the call is the parent; Lambda's other header fields are kept.
    expect(traceHeaders.GetItem).toBe(`Root=${root};Parent=${get!.id};Sampled=1;Lineage=a87bd80c:0`);
    const everything = received.join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toContain('conditional request failed');
  });

  it('marks later invocations warm, and records a retried call once with its retries', async () => {
    await invoke({ table: 'flaky' });
    const documents = await datagrams(3);
    expect(named(documents, '## index.handler')[0]!.annotations.ColdStart).toBe(false);
    const get = named(documents, 'DynamoDB').find((d) => d.aws.operation === 'GetItem');
    expect(get).toMatchObject({ aws: { retries: 1, table_name: 'flaky' }, http: { response: { status: 200 } } });
    expect(get).not.toHaveProperty('fault');
  });

  it('records an unexpected error as a fault with its name and message but no stack, and rethrows it', async () => {
    await expect(invoke({ fail: 'unexpected' })).rejects.toThrow('the table is gone');
    const [invocation] = named(await datagrams(3), '## index.handler');
    expect(invocation).toMatchObject({
      fault: true,
      cause: {
        exceptions: [{ id: expect.stringMatching(/^[0-9a-f]{16}$/), type: 'Error', message: 'the table is gone' }],
      },
    });
    expect(invocation).not.toHaveProperty('error');
    expect(received.join('\n')).not.toContain('tracing.test.ts');
  });

  it('records a 4xx error of the codebase as an error, not a fault', async () => {
    await expect(invoke({ fail: 'notFound' })).rejects.toBeInstanceOf(NotFoundError);
    const [invocation] = named(await datagrams(3), '## index.handler');
    expect(invocation).toMatchObject({
      error: true,
      cause: { exceptions: [{ type: 'NotFoundError', message: 'No such contact.' }] },
    });
    expect(invocation).not.toHaveProperty('fault');
  });

  it('sends nothing when the invocation is not sampled, tracing is off, or it is not in Lambda', async () => {
    const untraced: Array<[string, Record<string, string>]> = [
      ['Sampled=0', { _X_AMZN_TRACE_ID: traceHeader('0') }],
      ['POWERTOOLS_TRACE_ENABLED=false', { POWERTOOLS_TRACE_ENABLED: 'false' }],
      ['POWERTOOLS_DEV', { POWERTOOLS_DEV: 'true' }],
    ];
    for (const [why, env] of untraced) {
      Object.assign(process.env, env);
      await expect(invoke(), why).resolves.toEqual({ body: secrets[2] });
      for (const key of Object.keys(env)) delete process.env[key];
      process.env._X_AMZN_TRACE_ID = traceHeader('1');
    }
    // Outside Lambda: no initialization type (tests, the local runtime, CLIs).
    delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
    await invoke();
    expect(await datagrams(1, 300)).toEqual([]);
  });

  it('keeps the trace of each of two overlapping invocations apart (multi-concurrency)', async () => {
    // Prepare: the second starts while the first waits, with its own trace header and annotation.
    const second = { root: '1-5759e988-0123456789abcdef01234567', parent: '0123456789abcdef' };
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const overlapping = withInvocationContext(
      middy<{ label: string; wait?: boolean }, unknown, Error, Context>()
        .use(traceInvocation())
        .handler(async ({ label, wait }) => {
          putAnnotation('correlationId', label);
          if (wait) {
            started();
            await released;
          }
          await client.send(new GetItemCommand({ TableName: label, Key: { id: { S: 'k' } } }));
        }),
    );
    // Act
    const first = overlapping({ label: 'first', wait: true }, context);
    await firstStarted;
    process.env._X_AMZN_TRACE_ID = `Root=${second.root};Parent=${second.parent};Sampled=1`;
    await overlapping({ label: 'second' }, context);
    release();
    await first;
    const documents = await datagrams(4);
    // Assess: each invocation's subsegment has its own trace, parent and annotation, and its call hangs under it.
    const invocations = named(documents, '## index.handler');
    const ofLabel = (label: string) => invocations.find((d) => d.annotations.correlationId === label)!;
    expect(ofLabel('first')).toMatchObject({ trace_id: root, parent_id: parent });
    expect(ofLabel('second')).toMatchObject({ trace_id: second.root, parent_id: second.parent });
    for (const label of ['first', 'second']) {
      const call = named(documents, 'DynamoDB').find((d) => d.aws.table_name === label);
      expect(call, label).toMatchObject({ trace_id: ofLabel(label).trace_id, parent_id: ofLabel(label).id });
    }
  });

  it('never breaks an invocation when the daemon is missing or its address is wrong', async () => {
    for (const address of ['127.0.0.1:1', 'no-port', 'tcp:127.0.0.1:2000 udp:nowhere.invalid:2000']) {
      process.env.AWS_XRAY_DAEMON_ADDRESS = address;
      await expect(invoke(), address).resolves.toEqual({ body: secrets[2] });
    }
  });
});

describe('shared/tracing.ts', () => {
  // cls-hooked (Powertools Tracer) enabled an async_hooks destroy hook on every promise. With any
  // promise hook on, code after an `await` runs with a non-zero execution async id; without, zero.
  it('enables no async hooks when imported', async () => {
    const probe = (setup: string) =>
      promisify(execFile)(process.execPath, [
        '--input-type=module',
        '-e',
        `${setup}; const { executionAsyncId } = await import('node:async_hooks'); await Promise.resolve(); console.log(executionAsyncId());`,
      ]);
    const module = new URL('../../shared/tracing.ts', import.meta.url).href;
    expect((await probe(`await import(${JSON.stringify(module)})`)).stdout.trim()).toBe('0');
    // The probe can tell: the same with a destroy hook enabled, as cls-hooked did.
    expect(
      (await probe(`(await import('node:async_hooks')).createHook({ destroy() {} }).enable()`)).stdout.trim(),
    ).not.toBe('0');
  });
});
