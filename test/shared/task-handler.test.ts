import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { InvalidTaskInput, taskCorrelationId, taskHandler } from '../../shared/task-handler.ts';

const context = {
  awsRequestId: 'lambda-request-1',
  functionName: 'test',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

/** Everything written to stdout and stderr while `run` runs (logs and EMF records are JSON lines). */
async function stdoutOf(run: () => Promise<unknown>): Promise<Array<Record<string, any>>> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  try {
    await run().catch(() => undefined);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

const emfMetricNames = (records: Array<Record<string, any>>) =>
  records
    .filter((r) => r._aws)
    .flatMap((r) =>
      r._aws.CloudWatchMetrics.flatMap((m: { Metrics: Array<{ Name: string }> }) => m.Metrics.map((x) => x.Name)),
    );

afterEach(() => vi.restoreAllMocks());

describe('taskCorrelationId', () => {
  it('uses the execution id a state machine passes, else the Lambda request id', () => {
    const execution = 'arn:aws:states:us-east-1:000000000000:execution:Incident:inc_1';
    expect(taskCorrelationId({ correlationId: execution }, context)).toBe(execution);
    expect(taskCorrelationId({ executionId: execution }, context)).toBe(execution);
    expect(taskCorrelationId({ requestId: 'req_1' }, context)).toBe('lambda-request-1');
    expect(taskCorrelationId({ correlationId: '<not usable>' }, context)).toBe('lambda-request-1');
    expect(taskCorrelationId(undefined, context)).toBe('lambda-request-1');
  });
});

describe('taskHandler', () => {
  it('rethrows a failure by name and counts it as TaskFailures, without logging the input', async () => {
    // Prepare
    const handler = taskHandler('Probe', z.object({ requestId: z.string(), taskToken: z.string() }), async () => {
      throw Object.assign(new Error('the table is gone'), { name: 'ResourceNotFoundException' });
    });
    // Act
    let thrown: unknown;
    const records = await stdoutOf(() =>
      handler({ requestId: 'req_1', taskToken: 'secret-task-token' }, context).catch((error) => {
        thrown = error;
      }),
    );
    // Assess
    expect((thrown as Error).name).toBe('ResourceNotFoundException');
    expect(emfMetricNames(records)).toContain('TaskFailures');
    const failure = records.find((r) => r.message === 'task failed');
    expect(failure).toMatchObject({
      errorName: 'ResourceNotFoundException',
      task: 'Probe',
      requestId: 'req_1',
      correlationId: 'lambda-request-1',
    });
    expect(JSON.stringify(records)).not.toContain('secret-task-token');
  });

  it('refuses unusable input with InvalidTaskInput (not retried by the workflows)', async () => {
    const handler = taskHandler('Probe', z.object({ accountId: z.string() }), async () => 'ran');
    let thrown: unknown;
    const records = await stdoutOf(() =>
      handler({ accountId: 42 }, context).catch((error) => {
        thrown = error;
      }),
    );
    expect(thrown).toBeInstanceOf(InvalidTaskInput);
    expect(emfMetricNames(records)).toContain('TaskFailures');
  });

  it('counts nothing when the task succeeds', async () => {
    const handler = taskHandler('Probe', z.object({}), async () => 'done');
    let result: unknown;
    const records = await stdoutOf(async () => (result = await handler({}, context)));
    expect(result).toBe('done');
    expect(emfMetricNames(records)).not.toContain('TaskFailures');
  });
});
