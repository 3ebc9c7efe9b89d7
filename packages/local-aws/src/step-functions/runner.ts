/**
 * Runs one execution on aws-local-stepfunctions, in the background of this process: the interpreter
 * awaits timers and task handlers, so a callback task waiting for days holds no thread and blocks
 * no other execution.
 */
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import { buildContextObject, StateTracker } from './context-object.ts';
import { MAX_TIMER_MS, prepareDefinition, type StateInfo } from './definition.ts';
import { EventTranslator } from './event-translation.ts';
import type { Execution } from './execution.ts';
import type { LocalFunctionInvoker } from './invoker.ts';
import type { ResumePoint } from './redrive.ts';
import { TaskStates } from './task-states.ts';
import { mintTaskToken, type TaskTokenRegistry } from './task-tokens.ts';

/** What running an execution needs beyond the execution itself. */
export interface RunnerEnvironment {
  region: string;
  invokeFunction: LocalFunctionInvoker;
  tokens: TaskTokenRegistry;
  /**
   * Wait state durations in ms, by state name, for this state machine; a Task state named here times
   * out after that many ms instead of its TimeoutSeconds (a callback wait that would last days).
   */
  waitTimeOverrides: Record<string, number> | undefined;
}

/**
 * Runs `execution` to its end (or until something else closes it); resolves then. A redrive passes
 * `resume`: the interpreter starts at that state with that input, so no earlier state runs again.
 */
export async function runExecution(
  execution: Execution,
  environment: RunnerEnvironment,
  resume?: ResumePoint,
): Promise<void> {
  const { record } = execution;
  const tracker = new StateTracker(() => mintTaskToken(record.executionArn));
  const prepared = prepareDefinition(
    JSON.parse(record.stateMachine.definition) as Record<string, unknown>,
    (id) => tracker.entered(id),
    environment.waitTimeOverrides,
  );
  const input: unknown = JSON.parse(record.input);
  if (resume) prepared.definition.StartAt = resume.state;
  const context = buildContextObject(
    {
      Id: record.executionArn,
      Input: input,
      Name: record.name,
      RoleArn: record.stateMachine.roleArn,
      StartTime: new Date(record.startDate).toISOString(),
      RedriveCount: record.redriveCount ?? 0,
      ...(record.redriveDate ? { RedriveTime: new Date(record.redriveDate).toISOString() } : {}),
    },
    { Id: record.stateMachineArn, Name: record.stateMachineName },
    prepared.states.values(),
    tracker,
  );
  const tasks = new TaskStates(prepared.states.values(), {
    executionArn: record.executionArn,
    region: environment.region,
    history: execution.history,
    signal: execution.signal,
    tracker,
    tokens: environment.tokens,
    invokeFunction: environment.invokeFunction,
  });
  const run = new StateMachine(prepared.definition, { validationOptions: { noValidate: true } }).run(
    (resume ? JSON.parse(resume.input) : structuredClone(input)) as never,
    {
      context,
      overrides: {
        taskResourceLocalHandlers: tasks.handlers,
        waitTimeOverrides: waitTimes(prepared.states, environment.waitTimeOverrides),
      },
    },
  );
  execution.attach(run.abort);
  const translator = new EventTranslator(execution.history, prepared.states, tasks);
  const translated = (async () => {
    for await (const event of run.eventLogs) translator.record(event);
  })();

  let output: unknown;
  let failure: unknown;
  let failed = false;
  try {
    output = await run.result;
  } catch (error) {
    failed = true;
    failure = error;
  }
  // The terminal event goes after every state event the interpreter emitted before finishing.
  await translated;
  if (!failed) execution.succeed(JSON.stringify(output) ?? 'null');
  else closeWithError(execution, failure, translator.lastFailState);
}

function closeWithError(execution: Execution, error: unknown, lastFailState: StateInfo | undefined): void {
  // Stopped executions are closed by StopExecution before the interpreter notices.
  if (error instanceof ExecutionAbortedError) return;
  if (error instanceof ExecutionTimeoutError) {
    execution.timeOut('States.Timeout', undefined);
    return;
  }
  const cause = error instanceof ExecutionError ? error.cause : error;
  let name = cause instanceof Error ? cause.name : 'States.Runtime';
  let message: string | undefined = cause instanceof Error ? cause.message : String(cause);
  // The interpreter names a Fail state's error and cause even when the state gives none; AWS leaves them out.
  const fail = lastFailState?.definition;
  if (fail && name === 'FailStateError' && fail.Error === undefined && fail.ErrorPath === undefined) name = '';
  if (
    fail &&
    message === 'Execution failed because of a Fail state' &&
    fail.Cause === undefined &&
    fail.CausePath === undefined
  )
    message = '';
  // Predefined errors (States.Timeout, States.NoChoiceMatched...) carry their name as message; AWS gives no cause.
  execution.fail(name || undefined, message === name || message === '' ? undefined : message);
}

/**
 * The interpreter's waitTimeOverrides for one execution: the configured overrides, and for static
 * waits the durations Node's timers can run. Past the timer limit the interpreter's timer would
 * fire at once, and a Timestamp already past would make Node warn about a negative delay. (Waits
 * through SecondsPath or TimestampPath are only known when the state runs, and stay the
 * interpreter's.)
 */
function waitTimes(
  states: Map<string, StateInfo>,
  overrides: Record<string, number> | undefined,
): Record<string, number> {
  const times: Record<string, number> = {};
  for (const { name, type, definition } of states.values()) {
    if (type !== 'Wait') continue;
    const override = overrides?.[name];
    if (override !== undefined) times[name] = override;
    else if (typeof definition.Seconds === 'number' && definition.Seconds * 1000 > MAX_TIMER_MS)
      times[name] = MAX_TIMER_MS;
    else if (typeof definition.Timestamp === 'string') {
      const until = Date.parse(definition.Timestamp);
      // Read when the state runs, not now: only then is the remaining time known.
      Object.defineProperty(times, name, {
        enumerable: true,
        get: () => {
          const remaining = until - Date.now();
          return remaining <= 0 ? 0 : remaining > MAX_TIMER_MS ? MAX_TIMER_MS : undefined;
        },
      });
    }
  }
  return times;
}
