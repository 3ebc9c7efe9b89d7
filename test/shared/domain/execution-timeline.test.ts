import { describe, expect, it } from 'vitest';
import { executionTimeline, timelineLines, type HistoryFact } from '../../../shared/domain/execution-timeline.ts';

const t0 = Date.parse('2027-03-10T15:00:00Z');
const at = (ms: number) => new Date(t0 + ms);

describe('executionTimeline', () => {
  it('names states and tasks, times them, and keeps error names but never inputs, outputs or causes', () => {
    // Prepare: a task that fails with InvalidTaskInput, as AWS records it (previousEventId is the cause).
    const history: HistoryFact[] = [
      {
        id: 1,
        previousEventId: 0,
        type: 'ExecutionStarted',
        timestamp: at(0),
        executionStartedEventDetails: { input: '{"name":"Jamie"}' },
      } as HistoryFact,
      {
        id: 2,
        previousEventId: 0,
        type: 'TaskStateEntered',
        timestamp: at(10),
        stateEnteredEventDetails: { name: 'AssignTask' },
      },
      { id: 3, previousEventId: 2, type: 'LambdaFunctionScheduled', timestamp: at(20) },
      { id: 4, previousEventId: 3, type: 'LambdaFunctionStarted', timestamp: at(25) },
      {
        id: 5,
        previousEventId: 4,
        type: 'LambdaFunctionFailed',
        timestamp: at(520),
        lambdaFunctionFailedEventDetails: {
          error: 'InvalidTaskInput',
          cause: 'accountId: expected string, received Jamie',
        },
      } as HistoryFact,
      {
        id: 6,
        previousEventId: 5,
        type: 'ExecutionFailed',
        timestamp: at(530),
        executionFailedEventDetails: { error: 'InvalidTaskInput', cause: 'secret cause' },
      } as HistoryFact,
    ];
    // Act
    const rows = executionTimeline(history);
    // Assess
    expect(rows.map((r) => [r.event, r.state, r.durationMs, r.error])).toEqual([
      ['execution started', undefined, undefined, undefined],
      ['state entered', 'AssignTask', undefined, undefined],
      ['task scheduled', 'AssignTask', undefined, undefined],
      ['task started', 'AssignTask', undefined, undefined],
      ['task failed', 'AssignTask', 500, 'InvalidTaskInput'],
      ['execution failed', undefined, 530, 'InvalidTaskInput'],
    ]);
    const text = JSON.stringify(rows) + timelineLines(rows).join('\n');
    expect(text).not.toMatch(/Jamie|secret cause/);
  });

  it('attributes a task in a parallel branch to its own state when the history is only sequential', () => {
    // The local emulator numbers events one after another: a Wait state entered in the other branch sits between.
    const sequential = (events: Array<Omit<HistoryFact, 'id' | 'previousEventId'>>): HistoryFact[] =>
      events.map((e, i) => ({ ...e, id: i + 1, previousEventId: i }));
    const rows = executionTimeline(
      sequential([
        { type: 'ExecutionStarted', timestamp: at(0) },
        { type: 'ParallelStateEntered', timestamp: at(1), stateEnteredEventDetails: { name: 'Deliberate' } },
        { type: 'TaskStateEntered', timestamp: at(2), stateEnteredEventDetails: { name: 'AwaitDecision' } },
        { type: 'WaitStateEntered', timestamp: at(3), stateEnteredEventDetails: { name: 'WaitToRemind' } },
        { type: 'TaskScheduled', timestamp: at(4) },
        { type: 'TaskStarted', timestamp: at(5) },
        { type: 'TaskSubmitted', timestamp: at(6) },
        { type: 'WaitStateExited', timestamp: at(1000), stateExitedEventDetails: { name: 'WaitToRemind' } },
        { type: 'TaskSucceeded', timestamp: at(2004) },
        { type: 'TaskStateExited', timestamp: at(2005), stateExitedEventDetails: { name: 'AwaitDecision' } },
      ]),
    );
    expect(rows.filter((r) => r.event.startsWith('task ')).map((r) => r.state)).toEqual([
      'AwaitDecision',
      'AwaitDecision',
      'AwaitDecision',
      'AwaitDecision',
    ]);
    expect(rows.find((r) => r.event === 'task succeeded')?.durationMs).toBe(2000);
    expect(rows.find((r) => r.event === 'state exited' && r.state === 'WaitToRemind')?.durationMs).toBe(997);
    expect(rows.find((r) => r.event === 'state exited' && r.state === 'AwaitDecision')?.durationMs).toBe(2003);
  });

  it('prints aligned lines with offsets, durations and errors', () => {
    const lines = timelineLines([
      { offsetMs: 0, at: '', event: 'execution started' },
      { offsetMs: 1500, at: '', event: 'task failed', state: 'AssignTask', durationMs: 500, error: 'InvalidTaskInput' },
    ]);
    expect(lines).toEqual([
      '+0 ms  execution started',
      ' +1 s  task failed        AssignTask  took 500 ms  error InvalidTaskInput',
    ]);
  });
});
