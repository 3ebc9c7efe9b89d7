/**
 * The local Step Functions endpoint, driven the way the application and operators drive AWS: with
 * @aws-sdk/client-sfn and the AWS CLI. Lambda functions are small in-test functions behind the
 * `invokeFunction` seam.
 */
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
  type DescribeExecutionOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStepFunctions, type LocalFunctionInvoker } from '../src/step-functions/server.ts';

const region = 'us-east-1';
const accountId = '123456789012';
const roleArn = `arn:aws:iam::${accountId}:role/workflow`;
const functionArn = (name: string) => `arn:aws:lambda:${region}:${accountId}:function:${name}`;

class ApprovalExpired extends Error {
  override name = 'ApprovalExpired';
}

/** What the in-test `requestApproval` function was called with, newest last. */
const approvalRequests: Array<Record<string, string>> = [];
/** `$$.State.RetryCount` as each attempt of the `flaky` function saw it, by key. */
const flakyRetryCounts = new Map<string, number[]>();

/** How often `prepare` ran, by key: a redrive must not run it again. */
const preparations = new Map<string, number>();
/** What `deliver` was called with, newest last. */
const deliveries: Array<{ key: string; redriveCount: number }> = [];
/** Keys `deliver` fails for until the test fixes the cause. */
const brokenDeliveries = new Set<string>();

const functions: Record<string, (event: never) => unknown> = {
  classify: (event: { score: number }) => ({ level: event.score > 5 ? 'high' : 'low' }),
  requestApproval: (event: Record<string, string>) => {
    approvalRequests.push(event);
    return { sent: true };
  },
  flaky: (event: { key: string; retryCount: number }) => {
    const seen = [...(flakyRetryCounts.get(event.key) ?? []), event.retryCount];
    flakyRetryCounts.set(event.key, seen);
    if (seen.length <= 2) throw Object.assign(new Error(`attempt ${seen.length} throttled`), { name: 'Throttled' });
    return { calls: seen.length, retryCounts: seen };
  },
  expire: () => {
    throw new ApprovalExpired('the approval window closed');
  },
  double: (value: number) => value * 2,
  prepare: (event: { key: string }) => {
    preparations.set(event.key, (preparations.get(event.key) ?? 0) + 1);
    return { prepared: event.key };
  },
  deliver: (event: { key: string; redriveCount: number }) => {
    deliveries.push(event);
    if (brokenDeliveries.has(event.key)) {
      throw Object.assign(new Error('the mail relay refused the message'), { name: 'DeliveryFailed' });
    }
    return { delivered: event.key };
  },
};

const invokeFunction: LocalFunctionInvoker = async (arn, event) => {
  const name = arn.includes(':function:') ? (arn.split(':function:')[1]?.split(':')[0] ?? arn) : arn;
  const run = functions[name];
  if (!run) throw Object.assign(new Error(`Function not found: ${arn}`), { name: 'ResourceNotFoundException' });
  return run(event as never);
};

const clientFor = (endpoint: string) =>
  new SFNClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });

async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function closed(client: SFNClient, executionArn: string): Promise<DescribeExecutionOutput> {
  return eventually(async () => {
    const description = await client.send(new DescribeExecutionCommand({ executionArn }));
    return description.status === 'RUNNING' ? undefined : description;
  }, `${executionArn} to close`);
}

async function historyOf(
  client: SFNClient,
  executionArn: string,
  includeExecutionData = true,
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, nextToken, includeExecutionData }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

const typesOf = (events: HistoryEvent[]) => events.map((event) => event.type);

/** The approval request a running execution made, once its function has been called. */
const approvalRequestOf = (executionArn: string) =>
  eventually(
    () => approvalRequests.find((request) => request.executionId === executionArn),
    `the approval request of ${executionArn}`,
  );

const classifyMachine = {
  Comment: 'Task → Choice → Succeed',
  StartAt: 'Classify',
  States: {
    Classify: { Type: 'Task', Resource: functionArn('classify'), ResultPath: '$.classification', Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [{ Variable: '$.classification.level', StringEquals: 'high', Next: 'Escalated' }],
      Default: 'Escalated',
    },
    Escalated: { Type: 'Succeed' },
  },
};

/** Prepare → Deliver → Done: Deliver fails while its key is broken, so a redrive has a cause to fix. */
const deliveryMachine = {
  StartAt: 'Prepare',
  States: {
    Prepare: {
      Type: 'Task',
      Resource: functionArn('prepare'),
      Parameters: { 'key.$': '$.key' },
      ResultPath: '$.preparation',
      Next: 'Deliver',
    },
    Deliver: {
      Type: 'Task',
      Resource: functionArn('deliver'),
      Parameters: { 'key.$': '$.preparation.prepared', 'redriveCount.$': '$$.Execution.RedriveCount' },
      ResultPath: '$.delivery',
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

const approvalMachine = {
  StartAt: 'Request approval',
  States: {
    'Request approval': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: functionArn('requestApproval'),
        Payload: {
          'taskToken.$': '$$.Task.Token',
          'executionId.$': '$$.Execution.Id',
          'executionName.$': '$$.Execution.Name',
          'startTime.$': '$$.Execution.StartTime',
          'stateMachine.$': '$$.StateMachine.Name',
          'enteredTime.$': '$$.State.EnteredTime',
          'caseId.$': '$.caseId',
        },
      },
      ResultPath: '$.approval',
      Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.rejection', Next: 'Record rejection' }],
      Next: 'Approved',
    },
    Approved: { Type: 'Succeed' },
    'Record rejection': { Type: 'Pass', End: true },
  },
};

describe('local Step Functions', () => {
  let server: Awaited<ReturnType<typeof startStepFunctions>>;
  let client: SFNClient;

  async function createMachine(
    name: string,
    definition: object,
    extra: { type?: 'STANDARD' | 'EXPRESS' } = {},
  ): Promise<string> {
    const created = await client.send(
      new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn, ...extra }),
    );
    return created.stateMachineArn!;
  }

  async function start(stateMachineArn: string, input: unknown = {}, name?: string): Promise<string> {
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }),
    );
    return started.executionArn!;
  }

  beforeAll(async () => {
    server = await startStepFunctions({
      port: 0,
      region,
      accountId,
      invokeFunction,
      waitTimeOverrides: { 'cool-off': { 'Cool off': 10 }, 'long-wait': { 'Wait for answer': 300 } },
    });
    client = clientFor(server.endpoint);
  });

  afterAll(async () => {
    client?.destroy();
    await server?.close();
  });

  describe('state machines', () => {
    it('creates idempotently, refuses a different definition under the same name and invalid ASL', async () => {
      const definition = JSON.stringify(classifyMachine, null, 2);
      const first = await client.send(new CreateStateMachineCommand({ name: 'classify', definition, roleArn }));
      expect(first.stateMachineArn).toBe(`arn:aws:states:${region}:${accountId}:stateMachine:classify`);
      expect(first.creationDate).toBeInstanceOf(Date);

      const again = await client.send(new CreateStateMachineCommand({ name: 'classify', definition, roleArn }));
      expect(again.stateMachineArn).toBe(first.stateMachineArn);
      expect(again.creationDate).toEqual(first.creationDate);

      await expect(
        client.send(
          new CreateStateMachineCommand({
            name: 'classify',
            definition: JSON.stringify({ ...classifyMachine, Comment: 'changed' }),
            roleArn,
          }),
        ),
      ).rejects.toMatchObject({ name: 'StateMachineAlreadyExists', $metadata: { httpStatusCode: 400 } });

      await expect(
        client.send(
          new CreateStateMachineCommand({
            name: 'broken',
            definition: JSON.stringify({ StartAt: 'Nowhere', States: {} }),
            roleArn,
          }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidDefinition' });
      await expect(
        client.send(new CreateStateMachineCommand({ name: 'broken', definition: '{not json', roleArn })),
      ).rejects.toMatchObject({
        name: 'InvalidDefinition',
      });
      await expect(
        client.send(new CreateStateMachineCommand({ name: 'bad name', definition, roleArn })),
      ).rejects.toMatchObject({
        name: 'InvalidName',
      });
      // Valid in AWS, but the interpreter cannot run it: refused up front rather than misrun.
      const jsonataMachine = {
        QueryLanguage: 'JSONata',
        StartAt: 'Echo',
        States: { Echo: { Type: 'Pass', Output: '{% $states.input %}', End: true } },
      };
      await expect(
        client.send(
          new CreateStateMachineCommand({ name: 'jsonata', definition: JSON.stringify(jsonataMachine), roleArn }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidDefinition', message: expect.stringContaining('JSONata') });

      const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn: first.stateMachineArn }));
      expect(described).toMatchObject({ name: 'classify', status: 'ACTIVE', type: 'STANDARD', roleArn, definition });
      await expect(
        client.send(
          new DescribeStateMachineCommand({
            stateMachineArn: `arn:aws:states:${region}:${accountId}:stateMachine:missing`,
          }),
        ),
      ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    });

    it('keeps running executions on the definition they started with when the machine is updated', async () => {
      const arn = await createMachine('versioned', approvalMachine);
      const executionArn = await start(arn, { caseId: 'v1' });
      await approvalRequestOf(executionArn);
      await client.send(
        new UpdateStateMachineCommand({ stateMachineArn: arn, definition: JSON.stringify(classifyMachine) }),
      );
      const { taskToken } = await approvalRequestOf(executionArn);
      await client.send(new SendTaskSuccessCommand({ taskToken, output: '{"approved":true}' }));
      expect(await closed(client, executionArn)).toMatchObject({ status: 'SUCCEEDED' });
      expect(typesOf(await historyOf(client, executionArn))).toContain('TaskSubmitted');
    });
  });

  describe('executions', () => {
    let classifyArn: string;
    beforeAll(async () => {
      classifyArn = await createMachine('classify-runs', classifyMachine);
    });

    it('starts an execution in the background and describes it', async () => {
      const started = await client.send(
        new StartExecutionCommand({ stateMachineArn: classifyArn, name: 'case-1', input: '{"score": 9}' }),
      );
      expect(started.executionArn).toBe(`arn:aws:states:${region}:${accountId}:execution:classify-runs:case-1`);
      expect(started.startDate).toBeInstanceOf(Date);

      const description = await closed(client, started.executionArn!);
      expect(description).toMatchObject({
        executionArn: started.executionArn,
        stateMachineArn: classifyArn,
        name: 'case-1',
        status: 'SUCCEEDED',
        input: '{"score": 9}',
        inputDetails: { included: true },
        outputDetails: { included: true },
      });
      expect(JSON.parse(description.output!)).toEqual({ score: 9, classification: { level: 'high' } });
      expect(description.startDate).toEqual(started.startDate);
      expect(description.stopDate!.getTime()).toBeGreaterThanOrEqual(description.startDate!.getTime());

      await expect(
        client.send(new StartExecutionCommand({ stateMachineArn: classifyArn, name: 'case-1', input: '{"score": 9}' })),
      ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
      await expect(
        client.send(new StartExecutionCommand({ stateMachineArn: classifyArn, input: '{oops' })),
      ).rejects.toMatchObject({
        name: 'InvalidExecutionInput',
      });
      await expect(
        client.send(
          new DescribeExecutionCommand({
            executionArn: `arn:aws:states:${region}:${accountId}:execution:classify-runs:nope`,
          }),
        ),
      ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist', message: expect.stringContaining('nope') });
      await expect(client.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' }))).rejects.toMatchObject({
        name: 'InvalidArn',
      });
    });

    it('treats a repeated start of a running execution with the same input as the same execution', async () => {
      const arn = await createMachine('idempotent-start', approvalMachine);
      const input = JSON.stringify({ caseId: 'same' });
      const first = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'once', input }));
      const second = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'once', input }));
      expect(second).toMatchObject({ executionArn: first.executionArn, startDate: first.startDate });
      await expect(
        client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'once', input: '{"caseId":"other"}' })),
      ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
      await client.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    });

    it('records the AWS event sequence of Task → Choice → Succeed', async () => {
      const executionArn = await start(classifyArn, { score: 2 });
      await closed(client, executionArn);
      const events = await historyOf(client, executionArn);

      expect(typesOf(events)).toEqual([
        'ExecutionStarted',
        'TaskStateEntered',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionSucceeded',
        'TaskStateExited',
        'ChoiceStateEntered',
        'ChoiceStateExited',
        'SucceedStateEntered',
        'SucceedStateExited',
        'ExecutionSucceeded',
      ]);
      const transitions = events.filter((event) => event.type?.endsWith('StateEntered'));
      expect(transitions.map((event) => event.stateEnteredEventDetails?.name)).toEqual([
        'Classify',
        'Route',
        'Escalated',
      ]);
      expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
      expect(events[0]).toMatchObject({
        previousEventId: 0,
        executionStartedEventDetails: { input: '{"score":2}', inputDetails: { truncated: false }, roleArn },
      });
      expect(events[3]!.previousEventId).toBe(3);
      expect(events[2]!.lambdaFunctionScheduledEventDetails).toEqual({
        resource: functionArn('classify'),
        input: '{"score":2}',
        inputDetails: { truncated: false },
      });
      expect(JSON.parse(events[4]!.lambdaFunctionSucceededEventDetails!.output!)).toEqual({ level: 'low' });
      expect(JSON.parse(events.at(-1)!.executionSucceededEventDetails!.output!)).toEqual({
        score: 2,
        classification: { level: 'low' },
      });
      for (const [earlier, later] of events.slice(1).map((event, index) => [events[index]!, event] as const)) {
        expect(later.timestamp!.getTime()).toBeGreaterThanOrEqual(earlier.timestamp!.getTime());
      }

      const newestFirst = await client.send(
        new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 4 }),
      );
      expect(newestFirst.events!.map((event) => event.id)).toEqual([11, 10, 9, 8]);
      const rest = await client.send(
        new GetExecutionHistoryCommand({
          executionArn,
          reverseOrder: true,
          maxResults: 100,
          nextToken: newestFirst.nextToken,
        }),
      );
      expect(rest.events!.map((event) => event.id)).toEqual([7, 6, 5, 4, 3, 2, 1]);
      expect(rest.nextToken).toBeUndefined();
      await expect(
        client.send(new GetExecutionHistoryCommand({ executionArn, nextToken: newestFirst.nextToken })),
      ).rejects.toMatchObject({ name: 'InvalidToken' });
    });

    it('leaves execution data out of the history when includeExecutionData is false', async () => {
      const executionArn = await start(classifyArn, { score: 7, secret: 'child record' });
      await closed(client, executionArn);
      const events = await historyOf(client, executionArn, false);
      expect(JSON.stringify(events)).not.toContain('child record');
      expect(events[0]!.executionStartedEventDetails).toEqual({ roleArn });
      expect(events[1]!.stateEnteredEventDetails).toEqual({ name: 'Classify' });
      expect(events.at(-1)!.executionSucceededEventDetails).toEqual({});
    });

    it('lists executions newest first, by status, a page at a time', async () => {
      const arn = await createMachine('listing', {
        StartAt: 'Hold?',
        States: {
          'Hold?': {
            Type: 'Choice',
            Choices: [{ Variable: '$.hold', BooleanEquals: true, Next: 'Held' }],
            Default: 'Done',
          },
          Held: approvalMachine.States['Request approval'],
          Approved: { Type: 'Succeed' },
          'Record rejection': { Type: 'Pass', End: true },
          Done: { Type: 'Succeed' },
        },
      });
      const started: string[] = [];
      for (const hold of [false, true, false, true, false])
        started.push(await start(arn, { hold, caseId: `list-${started.length}` }));
      for (const [index, executionArn] of started.entries()) if (index % 2 === 0) await closed(client, executionArn);

      const running = await client.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }));
      expect(running.executions!.map((execution) => execution.executionArn).sort()).toEqual(
        [started[1], started[3]].sort(),
      );
      const succeeded = await client.send(
        new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'SUCCEEDED' }),
      );
      expect(succeeded.executions).toHaveLength(3);
      // AWS takes PENDING_REDRIVE as a filter too; nothing here is ever waiting to be redriven.
      const pendingRedrive = await client.send(
        new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'PENDING_REDRIVE' }),
      );
      expect(pendingRedrive.executions).toEqual([]);
      expect(
        succeeded.executions!.every(
          (execution) => execution.status === 'SUCCEEDED' && execution.stopDate instanceof Date,
        ),
      ).toBe(true);

      const pages: string[][] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 2, nextToken }));
        pages.push(page.executions!.map((execution) => execution.executionArn!));
        nextToken = page.nextToken;
      } while (nextToken);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual([...started].reverse());

      await expect(
        client.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'SLEEPING' as never })),
      ).rejects.toMatchObject({
        name: 'ValidationException',
      });
      for (const executionArn of [started[1]!, started[3]!])
        await client.send(new StopExecutionCommand({ executionArn }));
    });

    it('stops a running execution: ABORTED with the given error and cause', async () => {
      const arn = await createMachine('stoppable', approvalMachine);
      const executionArn = await start(arn, { caseId: 'stop-me' });
      const { taskToken } = await approvalRequestOf(executionArn);

      const stopped = await client.send(
        new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'The request was withdrawn.' }),
      );
      expect(stopped.stopDate).toBeInstanceOf(Date);
      const description = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(description).toMatchObject({
        status: 'ABORTED',
        error: 'Withdrawn',
        cause: 'The request was withdrawn.',
        stopDate: stopped.stopDate,
      });
      const events = await historyOf(client, executionArn);
      expect(events.at(-1)).toMatchObject({
        type: 'ExecutionAborted',
        executionAbortedEventDetails: { error: 'Withdrawn', cause: 'The request was withdrawn.' },
      });
      await expect(client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toMatchObject({
        name: 'TaskTimedOut',
      });
      // Nothing the stopped execution still had in flight reaches its history.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await historyOf(client, executionArn)).toHaveLength(events.length);
    });

    it('honours waitTimeOverrides by state machine and Wait state name', async () => {
      const arn = await createMachine('cool-off', {
        StartAt: 'Cool off',
        States: { 'Cool off': { Type: 'Wait', Seconds: 86_400, Next: 'Done' }, Done: { Type: 'Succeed' } },
      });
      const executionArn = await start(arn);
      const description = await closed(client, executionArn);
      expect(description.status).toBe('SUCCEEDED');
      expect(typesOf(await historyOf(client, executionArn))).toEqual([
        'ExecutionStarted',
        'WaitStateEntered',
        'WaitStateExited',
        'SucceedStateEntered',
        'SucceedStateExited',
        'ExecutionSucceeded',
      ]);
    });

    it('runs Parallel and Map states and records their events', async () => {
      const arn = await createMachine('fan-out', {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            InputPath: '$.items',
            Branches: [
              { StartAt: 'Keep', States: { Keep: { Type: 'Pass', End: true } } },
              {
                StartAt: 'Count',
                States: { Count: { Type: 'Pass', Parameters: { 'n.$': 'States.ArrayLength($)' }, End: true } },
              },
              // A branch's input is not the execution's: $$.Execution.Input must still be.
              {
                StartAt: 'Label',
                States: { Label: { Type: 'Pass', Parameters: { 'label.$': '$$.Execution.Input.label' }, End: true } },
              },
            ],
            ResultSelector: { 'items.$': '$[0]', 'count.$': '$[1].n', 'label.$': '$[2].label' },
            Next: 'Each',
          },
          Each: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemSelector: { 'value.$': '$$.Map.Item.Value', 'execution.$': '$$.Execution.Name' },
            ItemProcessor: {
              StartAt: 'Double',
              States: { Double: { Type: 'Task', Resource: functionArn('double'), InputPath: '$.value', End: true } },
            },
            ResultPath: '$.doubled',
            End: true,
          },
        },
      });
      const executionArn = await start(arn, { items: [1, 2, 3], label: 'batch' }, 'fan-out-1');
      const description = await closed(client, executionArn);
      expect(JSON.parse(description.output!)).toEqual({
        items: [1, 2, 3],
        count: 3,
        label: 'batch',
        doubled: [2, 4, 6],
      });
      const types = typesOf(await historyOf(client, executionArn));
      expect(types.slice(0, 3)).toEqual(['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted']);
      expect(types).toContain('ParallelStateSucceeded');
      expect(types.indexOf('ParallelStateSucceeded')).toBe(types.indexOf('ParallelStateExited') - 1);
      expect(types.filter((type) => type === 'MapIterationStarted')).toHaveLength(3);
      expect(types.filter((type) => type === 'LambdaFunctionSucceeded')).toHaveLength(3);
      expect(types.slice(-4)).toEqual([
        'MapIterationSucceeded',
        'MapStateSucceeded',
        'MapStateExited',
        'ExecutionSucceeded',
      ]);
      const events = await historyOf(client, executionArn);
      expect(events.find((event) => event.type === 'MapStateStarted')?.mapStateStartedEventDetails).toEqual({
        length: 3,
      });
    });
  });

  describe('callback tasks', () => {
    let approvalArn: string;
    beforeAll(async () => {
      approvalArn = await createMachine('approval', approvalMachine);
    });

    it('hands the task token to the function through $$.Task.Token and resumes on SendTaskSuccess', async () => {
      const executionArn = await start(approvalArn, { caseId: 'c-1' }, 'approve-1');
      const request = await approvalRequestOf(executionArn);
      const running = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(running.status).toBe('RUNNING');
      expect(request).toMatchObject({
        executionId: executionArn,
        executionName: 'approve-1',
        stateMachine: 'approval',
        caseId: 'c-1',
      });
      expect(request.startTime).toBe(running.startDate!.toISOString());
      expect(Date.parse(request.enteredTime!)).toBeGreaterThanOrEqual(running.startDate!.getTime());
      expect(request.taskToken!.length).toBeGreaterThan(500);

      await client.send(new SendTaskHeartbeatCommand({ taskToken: request.taskToken }));
      await client.send(
        new SendTaskSuccessCommand({
          taskToken: request.taskToken,
          output: JSON.stringify({ approved: true, by: 'supervisor' }),
        }),
      );
      const description = await closed(client, executionArn);
      expect(description.status).toBe('SUCCEEDED');
      expect(JSON.parse(description.output!)).toEqual({
        caseId: 'c-1',
        approval: { approved: true, by: 'supervisor' },
      });

      const events = await historyOf(client, executionArn);
      expect(typesOf(events)).toEqual([
        'ExecutionStarted',
        'TaskStateEntered',
        'TaskScheduled',
        'TaskStarted',
        'TaskSubmitted',
        'TaskSucceeded',
        'TaskStateExited',
        'SucceedStateEntered',
        'SucceedStateExited',
        'ExecutionSucceeded',
      ]);
      const scheduled = events[2]!.taskScheduledEventDetails!;
      expect(scheduled).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken', region });
      expect(JSON.parse(scheduled.parameters!)).toMatchObject({
        FunctionName: functionArn('requestApproval'),
        Payload: { taskToken: request.taskToken },
      });
      expect(JSON.parse(events[4]!.taskSubmittedEventDetails!.output!)).toMatchObject({
        StatusCode: 200,
        ExecutedVersion: '$LATEST',
        Payload: { sent: true },
      });
      expect(events[5]!.taskSucceededEventDetails).toMatchObject({
        resource: 'invoke.waitForTaskToken',
        output: '{"approved":true,"by":"supervisor"}',
      });

      await expect(
        client.send(new SendTaskSuccessCommand({ taskToken: request.taskToken, output: '{}' })),
      ).rejects.toMatchObject({
        name: 'TaskTimedOut',
      });
    });

    it('fails the task on SendTaskFailure, where Catch picks the error up', async () => {
      const executionArn = await start(approvalArn, { caseId: 'c-2' });
      const { taskToken } = await approvalRequestOf(executionArn);
      await client.send(
        new SendTaskFailureCommand({ taskToken, error: 'Rejected', cause: 'Not appropriate for the account.' }),
      );
      const description = await closed(client, executionArn);
      expect(description.status).toBe('SUCCEEDED');
      expect(JSON.parse(description.output!)).toEqual({
        caseId: 'c-2',
        rejection: { Error: 'Rejected', Cause: 'Not appropriate for the account.' },
      });
      const events = await historyOf(client, executionArn);
      expect(typesOf(events).slice(4, 9)).toEqual([
        'TaskSubmitted',
        'TaskFailed',
        'TaskStateExited',
        'PassStateEntered',
        'PassStateExited',
      ]);
      expect(events[5]!.taskFailedEventDetails).toEqual({
        resourceType: 'lambda',
        resource: 'invoke.waitForTaskToken',
        error: 'Rejected',
        cause: 'Not appropriate for the account.',
      });
    });

    it('answers unknown, malformed and reused tokens as AWS does', async () => {
      const executionArn = await start(approvalArn, { caseId: 'c-3' });
      const { taskToken } = await approvalRequestOf(executionArn);

      await expect(
        client.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
      ).rejects.toMatchObject({ name: 'InvalidToken' });
      const bytes = Buffer.from(taskToken!, 'base64');
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
      const neverIssued = bytes.toString('base64');
      await expect(
        client.send(new SendTaskSuccessCommand({ taskToken: neverIssued, output: '{}' })),
      ).rejects.toMatchObject({
        name: 'TaskDoesNotExist',
      });
      await expect(client.send(new SendTaskHeartbeatCommand({ taskToken: neverIssued }))).rejects.toMatchObject({
        name: 'TaskDoesNotExist',
      });
      await expect(client.send(new SendTaskSuccessCommand({ taskToken, output: 'not json' }))).rejects.toMatchObject({
        name: 'InvalidOutput',
      });

      await client.send(new SendTaskSuccessCommand({ taskToken, output: '"ok"' }));
      await expect(client.send(new SendTaskSuccessCommand({ taskToken, output: '"again"' }))).rejects.toMatchObject({
        name: 'TaskTimedOut',
      });
      await expect(client.send(new SendTaskFailureCommand({ taskToken, error: 'Late' }))).rejects.toMatchObject({
        name: 'TaskTimedOut',
      });
      expect(await closed(client, executionArn)).toMatchObject({ status: 'SUCCEEDED' });
    });

    it('times a callback task out after TimeoutSeconds and HeartbeatSeconds', async () => {
      const timing = (limits: Record<string, number>) => ({
        StartAt: 'Wait for answer',
        States: {
          'Wait for answer': {
            ...approvalMachine.States['Request approval'],
            ...limits,
            Catch: [
              { ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'], ResultPath: '$.timedOut', Next: 'Gave up' },
            ],
          },
          Approved: { Type: 'Succeed' },
          'Gave up': { Type: 'Pass', End: true },
        },
      });
      const [timeoutArn, heartbeatArn] = await Promise.all([
        createMachine('timeout', timing({ TimeoutSeconds: 1 })),
        createMachine('heartbeat', timing({ HeartbeatSeconds: 1 })),
      ]);
      const [timedOut, noHeartbeat] = await Promise.all([
        start(timeoutArn, { caseId: 't-1' }),
        start(heartbeatArn, { caseId: 't-2' }),
      ]);
      const [timeoutResult, heartbeatResult] = await Promise.all([
        closed(client, timedOut),
        closed(client, noHeartbeat),
      ]);

      expect(JSON.parse(timeoutResult.output!).timedOut).toMatchObject({ Error: 'States.Timeout' });
      expect(JSON.parse(heartbeatResult.output!).timedOut).toMatchObject({ Error: 'States.HeartbeatTimeout' });
      const timeoutEvents = await historyOf(client, timedOut);
      expect(
        timeoutEvents.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails?.timeoutInSeconds,
      ).toBe(1);
      expect(timeoutEvents.find((event) => event.type === 'TaskTimedOut')?.taskTimedOutEventDetails).toEqual({
        resourceType: 'lambda',
        resource: 'invoke.waitForTaskToken',
        error: 'States.Timeout',
      });
      const heartbeatEvents = await historyOf(client, noHeartbeat);
      expect(heartbeatEvents.find((event) => event.type === 'TaskTimedOut')?.taskTimedOutEventDetails?.error).toBe(
        'States.HeartbeatTimeout',
      );

      const { taskToken } = await approvalRequestOf(timedOut);
      await expect(client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toMatchObject({
        name: 'TaskTimedOut',
      });
    });
    it('resolves TimeoutSecondsPath against the state input, not the Parameters, past 24.8 days too', async () => {
      const machine = {
        StartAt: 'Wait for answer',
        States: {
          'Wait for answer': {
            ...approvalMachine.States['Request approval'],
            TimeoutSecondsPath: '$.limitSeconds',
            Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'Gave up' }],
          },
          Approved: { Type: 'Succeed' },
          'Gave up': { Type: 'Pass', End: true },
        },
      };
      const arn = await createMachine('path-timeout', machine);
      const [short, month] = await Promise.all([
        start(arn, { caseId: 't-4', limitSeconds: 1 }),
        start(arn, { caseId: 't-5', limitSeconds: 30 * 86_400 }),
      ]);
      const result = await closed(client, short);
      expect(JSON.parse(result.output!).timedOut).toMatchObject({ Error: 'States.Timeout' });
      const scheduled = (await historyOf(client, short)).find((event) => event.type === 'TaskScheduled');
      expect(scheduled?.taskScheduledEventDetails?.timeoutInSeconds).toBe(1);
      // The value stays out of what the function receives.
      expect(JSON.parse(scheduled!.taskScheduledEventDetails!.parameters!).Payload).not.toHaveProperty('limitSeconds');
      expect(JSON.stringify(JSON.parse(scheduled!.taskScheduledEventDetails!.parameters!))).not.toContain('localSfn');
      // A month is longer than Node's timers: it must not fire at once.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await client.send(new DescribeExecutionCommand({ executionArn: month }))).status).toBe('RUNNING');
      await client.send(new StopExecutionCommand({ executionArn: month }));
    });

    it('times a callback task out after waitTimeOverrides in place of its TimeoutSecondsPath (issue 19.2)', async () => {
      const arn = await createMachine('long-wait', {
        StartAt: 'Wait for answer',
        States: {
          'Wait for answer': {
            ...approvalMachine.States['Request approval'],
            TimeoutSecondsPath: '$.limitSeconds',
            Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'Gave up' }],
          },
          Approved: { Type: 'Succeed' },
          'Gave up': { Type: 'Pass', End: true },
        },
      });
      const began = Date.now();
      const executionArn = await start(arn, { caseId: 't-3', limitSeconds: 86_400 });
      const result = await closed(client, executionArn);
      expect(Date.now() - began).toBeLessThan(10_000);
      expect(JSON.parse(result.output!).timedOut).toMatchObject({ Error: 'States.Timeout' });
      const events = await historyOf(client, executionArn);
      expect(events.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails?.timeoutInSeconds).toBe(
        0.3,
      );
      expect(events.find((event) => event.type === 'TaskTimedOut')?.taskTimedOutEventDetails?.error).toBe(
        'States.Timeout',
      );
    });
  });

  describe('errors from functions', () => {
    it('retries by error name and by States.ALL until the function succeeds', async () => {
      const retrying = (errorEquals: string[]) => ({
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: functionArn('flaky'),
            Parameters: { 'key.$': '$.key', 'retryCount.$': '$$.State.RetryCount' },
            Retry: [{ ErrorEquals: errorEquals, IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 3 }],
            End: true,
          },
        },
      });
      const [byName, byWildcard] = await Promise.all([
        createMachine('retry-by-name', retrying(['Throttled'])),
        createMachine('retry-all', retrying(['States.ALL'])),
      ]);
      const [first, second] = await Promise.all([start(byName, { key: 'by-name' }), start(byWildcard, { key: 'all' })]);

      for (const executionArn of [first, second]) {
        const description = await closed(client, executionArn);
        expect(description.status).toBe('SUCCEEDED');
        expect(JSON.parse(description.output!)).toEqual({ calls: 3, retryCounts: [0, 1, 2] });
        const events = await historyOf(client, executionArn);
        expect(typesOf(events)).toEqual([
          'ExecutionStarted',
          'TaskStateEntered',
          'LambdaFunctionScheduled',
          'LambdaFunctionStarted',
          'LambdaFunctionFailed',
          'LambdaFunctionScheduled',
          'LambdaFunctionStarted',
          'LambdaFunctionFailed',
          'LambdaFunctionScheduled',
          'LambdaFunctionStarted',
          'LambdaFunctionSucceeded',
          'TaskStateExited',
          'ExecutionSucceeded',
        ]);
        expect(events[4]!.lambdaFunctionFailedEventDetails).toEqual({
          error: 'Throttled',
          cause: JSON.stringify({ errorType: 'Throttled', errorMessage: 'attempt 1 throttled' }),
        });
        const retryGap = events[5]!.timestamp!.getTime() - events[4]!.timestamp!.getTime();
        expect(retryGap).toBeGreaterThanOrEqual(900);
      }
    });

    it("catches a function's error by name, with Lambda's cause, and fails the execution when nothing catches it", async () => {
      const arn = await createMachine('expiry', {
        StartAt: 'Check',
        States: {
          Check: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: functionArn('expire'), 'Payload.$': '$' },
            Retry: [{ ErrorEquals: ['Throttled'], MaxAttempts: 2 }],
            Catch: [{ ErrorEquals: ['ApprovalExpired'], ResultPath: '$.error', Next: 'Expired' }],
            Next: 'Done',
          },
          Expired: { Type: 'Pass', End: true },
          Done: { Type: 'Succeed' },
        },
      });
      const caught = await closed(client, await start(arn, { caseId: 'e-1' }));
      expect(caught.status).toBe('SUCCEEDED');
      const output = JSON.parse(caught.output!);
      expect(output.caseId).toBe('e-1');
      expect(output.error.Error).toBe('ApprovalExpired');
      expect(JSON.parse(output.error.Cause)).toEqual({
        errorType: 'ApprovalExpired',
        errorMessage: 'the approval window closed',
      });

      const uncaught = await createMachine('expiry-uncaught', {
        StartAt: 'Check',
        States: { Check: { Type: 'Task', Resource: functionArn('expire'), End: true } },
      });
      const failedArn = await start(uncaught);
      const failed = await closed(client, failedArn);
      expect(failed).toMatchObject({ status: 'FAILED', error: 'ApprovalExpired' });
      expect(JSON.parse(failed.cause!)).toEqual({
        errorType: 'ApprovalExpired',
        errorMessage: 'the approval window closed',
      });
      expect(typesOf(await historyOf(client, failedArn)).slice(-2)).toEqual([
        'LambdaFunctionFailed',
        'ExecutionFailed',
      ]);
    });

    it('fails with States.Runtime, past every catcher, on a resource the local runtime cannot run', async () => {
      const arn = await createMachine('queue', {
        StartAt: 'Send',
        States: {
          Send: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage',
            Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', MessageBody: 'hello' },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }],
            End: true,
          },
          Handled: { Type: 'Succeed' },
        },
      });
      const description = await closed(client, await start(arn));
      expect(description).toMatchObject({
        status: 'FAILED',
        error: 'States.Runtime',
        cause: expect.stringContaining('arn:aws:states:::sqs:sendMessage'),
      });
    });

    it('times the whole execution out after its TimeoutSeconds', async () => {
      const arn = await createMachine('slow', {
        TimeoutSeconds: 1,
        StartAt: 'Linger',
        States: { Linger: { Type: 'Wait', Seconds: 30, End: true } },
      });
      const executionArn = await start(arn);
      const description = await closed(client, executionArn);
      expect(description).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
      expect(typesOf(await historyOf(client, executionArn))).toEqual([
        'ExecutionStarted',
        'WaitStateEntered',
        'ExecutionTimedOut',
      ]);
    });
  });

  describe('redrive (issue 19.7)', () => {
    let deliveryArn: string;
    beforeAll(async () => {
      deliveryArn = await createMachine('delivery', deliveryMachine);
    });

    it('resumes a failed execution at the state that failed, under the same ARN, once the cause is fixed', async () => {
      brokenDeliveries.add('d-1');
      const executionArn = await start(deliveryArn, { key: 'd-1' }, 'deliver-d-1');
      const failed = await closed(client, executionArn);
      expect(failed).toMatchObject({
        status: 'FAILED',
        error: 'DeliveryFailed',
        redriveCount: 0,
        redriveStatus: 'REDRIVABLE',
      });
      expect(failed.redriveStatusReason).toBeUndefined();
      const failedHistory = await historyOf(client, executionArn);

      brokenDeliveries.delete('d-1');
      const redriven = await client.send(new RedriveExecutionCommand({ executionArn, clientToken: 'fix-d-1' }));
      expect(redriven.redriveDate).toBeInstanceOf(Date);
      const succeeded = await closed(client, executionArn);
      expect(succeeded).toMatchObject({
        executionArn,
        status: 'SUCCEEDED',
        redriveCount: 1,
        redriveDate: redriven.redriveDate,
        redriveStatus: 'NOT_REDRIVABLE',
        redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
        startDate: failed.startDate,
      });
      expect(succeeded.error).toBeUndefined();
      expect(JSON.parse(succeeded.output!)).toEqual({
        key: 'd-1',
        preparation: { prepared: 'd-1' },
        delivery: { delivered: 'd-1' },
      });
      // Prepare succeeded the first time and is not run again; Deliver ran twice, the second time as redrive 1.
      expect(preparations.get('d-1')).toBe(1);
      expect(deliveries.filter(({ key }) => key === 'd-1')).toEqual([
        { key: 'd-1', redriveCount: 0 },
        { key: 'd-1', redriveCount: 1 },
      ]);

      const events = await historyOf(client, executionArn);
      expect(events.slice(0, failedHistory.length)).toEqual(failedHistory);
      const after = events.slice(failedHistory.length);
      expect(typesOf(after)).toEqual([
        'ExecutionRedriven',
        'TaskStateEntered',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionSucceeded',
        'TaskStateExited',
        'SucceedStateEntered',
        'SucceedStateExited',
        'ExecutionSucceeded',
      ]);
      expect(after[0]).toMatchObject({
        id: failedHistory.length + 1,
        previousEventId: failedHistory.length,
        executionRedrivenEventDetails: { redriveCount: 1 },
      });
      expect(after[1]!.stateEnteredEventDetails).toMatchObject({ name: 'Deliver' });
      expect(JSON.parse(after[1]!.stateEnteredEventDetails!.input!)).toEqual({
        key: 'd-1',
        preparation: { prepared: 'd-1' },
      });

      // The same client token answers as the first time and redrives nothing.
      const repeated = await client.send(new RedriveExecutionCommand({ executionArn, clientToken: 'fix-d-1' }));
      expect(repeated.redriveDate).toEqual(redriven.redriveDate);
      expect(await client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({ redriveCount: 1 });

      const listed = await client.send(new ListExecutionsCommand({ stateMachineArn: deliveryArn }));
      expect(listed.executions).toContainEqual(
        expect.objectContaining({
          executionArn,
          status: 'SUCCEEDED',
          redriveCount: 1,
          redriveDate: redriven.redriveDate,
        }),
      );
    });

    it('refuses what AWS refuses: a succeeded or running execution, an unknown or malformed ARN', async () => {
      const succeeded = await start(deliveryArn, { key: 'd-ok' });
      await closed(client, succeeded);
      await expect(client.send(new RedriveExecutionCommand({ executionArn: succeeded }))).rejects.toMatchObject({
        name: 'ExecutionNotRedrivable',
        message: expect.stringContaining('SUCCEEDED'),
        $metadata: { httpStatusCode: 400 },
      });

      const approvals = await createMachine('redrive-approvals', approvalMachine);
      const running = await start(approvals, { caseId: 'still-running' });
      await approvalRequestOf(running);
      expect(await client.send(new DescribeExecutionCommand({ executionArn: running }))).toMatchObject({
        status: 'RUNNING',
        redriveStatus: 'NOT_REDRIVABLE',
        redriveStatusReason: 'Execution is RUNNING and cannot be redriven',
      });
      await expect(client.send(new RedriveExecutionCommand({ executionArn: running }))).rejects.toMatchObject({
        name: 'ExecutionNotRedrivable',
        message: expect.stringContaining('RUNNING'),
      });
      await client.send(new StopExecutionCommand({ executionArn: running }));

      await expect(
        client.send(
          new RedriveExecutionCommand({
            executionArn: `arn:aws:states:${region}:${accountId}:execution:delivery:never-started`,
          }),
        ),
      ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
      await expect(client.send(new RedriveExecutionCommand({ executionArn: 'not-an-arn' }))).rejects.toMatchObject({
        name: 'InvalidArn',
      });
    });

    it('redrives an aborted execution at the callback task it was waiting in, with a new task token', async () => {
      const approvals = await createMachine('redrive-aborted', approvalMachine);
      const executionArn = await start(approvals, { caseId: 'aborted-1' });
      const first = await approvalRequestOf(executionArn);
      await client.send(new StopExecutionCommand({ executionArn, error: 'Paused', cause: 'operator stopped it' }));
      expect(await client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
        status: 'ABORTED',
        redriveStatus: 'REDRIVABLE',
      });

      await client.send(new RedriveExecutionCommand({ executionArn }));
      const second = await eventually(
        () => approvalRequests.find((request) => request.executionId === executionArn && request !== first),
        'the redriven approval request',
      );
      expect(second.taskToken).not.toBe(first.taskToken);
      expect(second.caseId).toBe('aborted-1');
      // The first attempt's token stays closed while the redriven execution runs: AWS's TaskTimedOut.
      await expect(
        client.send(new SendTaskSuccessCommand({ taskToken: first.taskToken!, output: '{}' })),
      ).rejects.toMatchObject({ name: 'TaskTimedOut' });
      await client.send(new SendTaskSuccessCommand({ taskToken: second.taskToken!, output: '{"approved":true}' }));
      expect(await closed(client, executionArn)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
      expect(typesOf(await historyOf(client, executionArn))).toEqual([
        'ExecutionStarted',
        'TaskStateEntered',
        'TaskScheduled',
        'TaskStarted',
        'TaskSubmitted',
        'ExecutionAborted',
        'ExecutionRedriven',
        'TaskStateEntered',
        'TaskScheduled',
        'TaskStarted',
        'TaskSubmitted',
        'TaskSucceeded',
        'TaskStateExited',
        'SucceedStateEntered',
        'SucceedStateExited',
        'ExecutionSucceeded',
      ]);
    });

    it('redrives a timed-out execution, and refuses express executions', async () => {
      const arn = await createMachine('slow-redrive', {
        TimeoutSeconds: 1,
        StartAt: 'Linger',
        States: { Linger: { Type: 'Wait', Seconds: 30, End: true } },
      });
      const executionArn = await start(arn);
      expect(await closed(client, executionArn)).toMatchObject({ status: 'TIMED_OUT', redriveStatus: 'REDRIVABLE' });
      await client.send(new RedriveExecutionCommand({ executionArn }));
      expect(await client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
        status: 'RUNNING',
        redriveCount: 1,
      });
      expect(await closed(client, executionArn)).toMatchObject({ status: 'TIMED_OUT', redriveCount: 1 });
      expect(typesOf(await historyOf(client, executionArn))).toEqual([
        'ExecutionStarted',
        'WaitStateEntered',
        'ExecutionTimedOut',
        'ExecutionRedriven',
        'WaitStateEntered',
        'ExecutionTimedOut',
      ]);

      const express = await createMachine(
        'express-delivery',
        { StartAt: 'Check', States: { Check: { Type: 'Task', Resource: functionArn('expire'), End: true } } },
        { type: 'EXPRESS' },
      );
      const expressArn = await start(express);
      expect(await closed(client, expressArn)).toMatchObject({ status: 'FAILED', redriveStatus: 'NOT_REDRIVABLE' });
      await expect(client.send(new RedriveExecutionCommand({ executionArn: expressArn }))).rejects.toMatchObject({
        name: 'ExecutionNotRedrivable',
      });
    });
  });
});

describe('local Step Functions across a restart', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sfn-local-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps state machines and closed executions, and aborts executions that were running', async () => {
    const first = await startStepFunctions({ port: 0, region, accountId, invokeFunction, dataDir });
    let client = clientFor(first.endpoint);
    const created = await client.send(
      new CreateStateMachineCommand({ name: 'durable', definition: JSON.stringify(approvalMachine), roleArn }),
    );
    const stateMachineArn = created.stateMachineArn!;
    const finished = (await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"caseId":"r-1"}' })))
      .executionArn!;
    const finishedToken = (await approvalRequestOf(finished)).taskToken!;
    await client.send(new SendTaskSuccessCommand({ taskToken: finishedToken, output: '{"approved":false}' }));
    await closed(client, finished);
    const interrupted = (await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"caseId":"r-2"}' })))
      .executionArn!;
    const { taskToken } = await approvalRequestOf(interrupted);
    client.destroy();
    await first.close();

    const second = await startStepFunctions({ port: 0, region, accountId, invokeFunction, dataDir });
    client = clientFor(second.endpoint);
    try {
      expect(await client.send(new DescribeStateMachineCommand({ stateMachineArn }))).toMatchObject({
        name: 'durable',
        definition: JSON.stringify(approvalMachine),
      });
      const kept = await client.send(new DescribeExecutionCommand({ executionArn: finished }));
      expect(kept).toMatchObject({ status: 'SUCCEEDED', input: '{"caseId":"r-1"}' });
      expect(typesOf(await historyOf(client, finished)).at(-1)).toBe('ExecutionSucceeded');

      const aborted = await client.send(new DescribeExecutionCommand({ executionArn: interrupted }));
      expect(aborted).toMatchObject({ status: 'ABORTED', cause: 'local runtime restarted' });
      const events = await historyOf(client, interrupted);
      expect(typesOf(events)).toEqual([
        'ExecutionStarted',
        'TaskStateEntered',
        'TaskScheduled',
        'TaskStarted',
        'TaskSubmitted',
        'ExecutionAborted',
      ]);
      await expect(client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toMatchObject({
        name: 'TaskTimedOut',
      });

      const listed = await client.send(new ListExecutionsCommand({ stateMachineArn }));
      expect(listed.executions!.map((execution) => execution.status)).toEqual(['ABORTED', 'SUCCEEDED']);
    } finally {
      client.destroy();
      await second.close();
    }
  });
});

const awsCli = '/usr/bin/aws';
const cliAvailable = existsSync(awsCli);

/**
 * An AWS CLI that knows `stepfunctions redrive-execution` (added in November 2023): the CLI v2 when
 * it is recent enough (Debian's 2.9 is not), else the `aws` on PATH. Undefined when neither does.
 */
const redriveCli = [awsCli, 'aws'].find((cli) => {
  const probe = spawnSync(cli, ['stepfunctions', 'redrive-execution', 'help'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), AWS_PAGER: '', PAGER: 'cat' },
    timeout: 30_000,
  });
  return probe.status === 0 && !/Invalid choice/i.test(`${probe.stderr}${probe.stdout}`);
});

describe('local Step Functions through the AWS CLI v2', () => {
  it.skipIf(!cliAvailable)(
    cliAvailable
      ? 'answers list-state-machines, start-execution, describe-execution, list-executions and get-execution-history'
      : `skipped: ${awsCli} is not installed`,
    async () => {
      const server = await startStepFunctions({ port: 0, region, accountId, invokeFunction });
      const client = clientFor(server.endpoint);
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_REGION: region,
        AWS_PAGER: '',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      };
      const aws = async (...args: string[]) => {
        const { stdout } = await promisify(execFile)(
          awsCli,
          ['stepfunctions', ...args, '--endpoint-url', server.endpoint, '--output', 'json'],
          { env },
        );
        return JSON.parse(stdout || '{}') as Record<string, any>;
      };
      try {
        const stateMachineArn = (
          await client.send(
            new CreateStateMachineCommand({ name: 'cli', definition: JSON.stringify(classifyMachine), roleArn }),
          )
        ).stateMachineArn!;

        const listed = await aws('list-state-machines');
        expect(listed.stateMachines).toEqual([
          expect.objectContaining({ stateMachineArn, name: 'cli', type: 'STANDARD' }),
        ]);

        const started = await aws(
          'start-execution',
          '--state-machine-arn',
          stateMachineArn,
          '--name',
          'from-cli',
          '--input',
          '{"score": 6}',
        );
        expect(started.executionArn).toBe(`arn:aws:states:${region}:${accountId}:execution:cli:from-cli`);
        await closed(client, started.executionArn);

        const described = await aws('describe-execution', '--execution-arn', started.executionArn);
        expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'from-cli', input: '{"score": 6}' });
        expect(JSON.parse(described.output)).toEqual({ score: 6, classification: { level: 'high' } });

        const executions = await aws(
          'list-executions',
          '--state-machine-arn',
          stateMachineArn,
          '--status-filter',
          'SUCCEEDED',
        );
        expect(executions.executions.map((execution: { name: string }) => execution.name)).toEqual(['from-cli']);

        const history = await aws('get-execution-history', '--execution-arn', started.executionArn, '--max-items', '3');
        expect(history.events.map((event: { type: string }) => event.type)).toEqual([
          'ExecutionStarted',
          'TaskStateEntered',
          'LambdaFunctionScheduled',
        ]);
        expect(history.NextToken).toEqual(expect.any(String));
        const all = await aws('get-execution-history', '--execution-arn', started.executionArn, '--reverse-order');
        expect(all.events[0].type).toBe('ExecutionSucceeded');
        expect(all.events).toHaveLength(11);
      } finally {
        client.destroy();
        await server.close();
      }
    },
  );

  it.skipIf(!redriveCli)(
    redriveCli
      ? `redrives a failed execution with ${redriveCli} stepfunctions redrive-execution (issue 19.7)`
      : 'skipped: no AWS CLI on this machine knows stepfunctions redrive-execution',
    async () => {
      const server = await startStepFunctions({ port: 0, region, accountId, invokeFunction });
      const client = clientFor(server.endpoint);
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_DEFAULT_REGION: region,
        AWS_REGION: region,
        AWS_PAGER: '',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      };
      const aws = async (...args: string[]) => {
        const { stdout } = await promisify(execFile)(
          redriveCli!,
          ['stepfunctions', ...args, '--endpoint-url', server.endpoint, '--output', 'json'],
          { env },
        );
        return JSON.parse(stdout || '{}') as Record<string, any>;
      };
      try {
        const stateMachineArn = (
          await client.send(
            new CreateStateMachineCommand({
              name: 'cli-delivery',
              definition: JSON.stringify(deliveryMachine),
              roleArn,
            }),
          )
        ).stateMachineArn!;
        brokenDeliveries.add('cli-1');
        const executionArn = (
          await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"key":"cli-1"}' }))
        ).executionArn!;
        expect(await closed(client, executionArn)).toMatchObject({ status: 'FAILED', redriveStatus: 'REDRIVABLE' });

        brokenDeliveries.delete('cli-1');
        const redriven = await aws('redrive-execution', '--execution-arn', executionArn);
        expect(redriven.redriveDate).toEqual(expect.anything());
        expect(await closed(client, executionArn)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
        expect(preparations.get('cli-1')).toBe(1);

        const described = await aws('describe-execution', '--execution-arn', executionArn);
        expect(described).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, redriveStatus: 'NOT_REDRIVABLE' });
        await expect(aws('redrive-execution', '--execution-arn', executionArn)).rejects.toMatchObject({
          stderr: expect.stringContaining('ExecutionNotRedrivable'),
        });
      } finally {
        client.destroy();
        await server.close();
      }
    },
  );
});
