/**
 * Runs Task states. The interpreter calls these handlers (its taskResourceLocalHandlers, by state
 * name) with the state's effective input, after InputPath and Parameters, and applies
 * ResultSelector, ResultPath, Retry and Catch to what they return or throw; its own timer enforces
 * TimeoutSeconds. Supported resources: a Lambda function ARN, `arn:aws:states:::lambda:invoke` and
 * its `.waitForTaskToken` form.
 */
import { randomUUID } from 'node:crypto';
import type { RunOptions } from 'aws-local-stepfunctions';
import type { StateTracker } from './context-object.ts';
import { MAX_TIMER_MS, type StateInfo, TIMEOUT_KEY } from './definition.ts';
import type { ExecutionHistory } from './history.ts';
import { readReferencePath } from './reference-path.ts';
import type { LocalFunctionInvoker } from './invoker.ts';
import { classifyResource, TaskEvents, type TaskResource } from './task-events.ts';
import type { TaskTokenRegistry } from './task-tokens.ts';

type Handlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type Handler = Handlers[string];
type SupportedResource = Exclude<TaskResource, { kind: 'unsupported' }>;

/** What the Task states of one execution work with. */
export interface TaskEnvironment {
  executionArn: string;
  region: string;
  history: ExecutionHistory;
  /** Aborts when the execution closes, however it closes. */
  signal: AbortSignal;
  tracker: StateTracker;
  tokens: TaskTokenRegistry;
  invokeFunction: LocalFunctionInvoker;
}

/**
 * A failed task as the interpreter sees it: Retry and Catch match `name` against ErrorEquals, and a
 * catcher hands on `message` as the Cause. The interpreter reads `isRetryable` and `isCatchable`,
 * which lets States.Runtime pass every retrier and catcher, as AWS does.
 */
class TaskFailure extends Error {
  readonly isRetryable: boolean;
  readonly isCatchable: boolean;

  constructor(error: string, cause: string, recoverable = true) {
    super(cause);
    this.name = error;
    this.isRetryable = recoverable;
    this.isCatchable = recoverable;
  }
}

/** What Lambda reports for a function's error: its name as errorType and its message; no stack trace. */
function lambdaFailure(thrown: unknown): { error: string; cause: string } {
  const errorType = (thrown instanceof Error && thrown.name) || 'Error';
  const errorMessage = thrown instanceof Error ? thrown.message : String(thrown);
  return { error: errorType, cause: JSON.stringify({ errorType, errorMessage }) };
}

/** A value as it comes out of Lambda's JSON serialisation, so no object is shared with the function. */
function viaJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

/** Lambda Invoke's response as the lambda:invoke integration hands it to the state. */
function invokeResponse(payload: unknown, statusCode: number): Record<string, unknown> {
  const requestId = randomUUID();
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId };
  if (statusCode === 200) headers['X-Amz-Executed-Version'] = '$LATEST';
  return {
    ...(statusCode === 200 ? { ExecutedVersion: '$LATEST' } : {}),
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      HttpHeaders: headers,
      HttpStatusCode: statusCode,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: statusCode,
  };
}

/**
 * A TimeoutSecondsPath's value (prepareDefinition) and the effective input without the value's
 * carrier; the path must select a positive integer, or the state fails with States.Runtime as in AWS.
 */
function timeoutFromPath(state: StateInfo, input: unknown): { seconds: number | undefined; input: unknown } {
  if (!state.timeoutPath) return { seconds: undefined, input };
  let value: unknown;
  let effective = input;
  if (state.timeoutPath.viaParameters && input && typeof input === 'object') {
    const { [TIMEOUT_KEY]: carried, ...rest } = input as Record<string, unknown>;
    value = carried;
    effective = rest;
  } else value = readReferencePath(state.timeoutPath.path, input);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new TaskFailure(
      'States.Runtime',
      `The TimeoutSecondsPath '${state.timeoutPath.path}' of state '${state.name}' did not select a positive integer.`,
      false,
    );
  return { seconds: value, input: effective };
}

/**
 * TimeoutSeconds or HeartbeatSeconds as the state sets them, directly or through HeartbeatSecondsPath; a
 * TimeoutSeconds the runtime's overrides shorten (prepareDefinition) is the one the interpreter enforces.
 */
function secondsOf(state: StateInfo, field: 'TimeoutSeconds' | 'HeartbeatSeconds', input: unknown): number | undefined {
  if (field === 'TimeoutSeconds' && state.timeoutOverrideSeconds !== undefined) return state.timeoutOverrideSeconds;
  const { definition } = state;
  const path = definition[`${field}Path`];
  const value = definition[field] ?? (typeof path === 'string' ? readReferencePath(path, input) : undefined);
  return typeof value === 'number' && value > 0 ? value : undefined;
}

type Ending =
  | { kind: 'succeeded'; output: unknown }
  | { kind: 'failed'; error: string | undefined; cause: string | undefined; recoverable?: false }
  | { kind: 'timedOut'; error: 'States.Timeout' | 'States.HeartbeatTimeout' }
  | { kind: 'aborted' };

/** One attempt of a Task state: ends once, and records how it ended as it ends. */
class Attempt {
  readonly deadline: number | undefined;
  readonly events: TaskEvents;
  readonly ended: Promise<Ending>;
  readonly #resolve: (ending: Ending) => void;
  readonly #cleanups: Array<() => void> = [];
  #done = false;

  constructor(deadline: number | undefined, events: TaskEvents) {
    this.deadline = deadline;
    this.events = events;
    const { promise, resolve } = Promise.withResolvers<Ending>();
    this.ended = promise;
    this.#resolve = resolve;
  }

  get done(): boolean {
    return this.#done;
  }

  /** Runs `cleanup` when the attempt ends (at once if it has). */
  onEnd(cleanup: () => void): void {
    if (this.#done) cleanup();
    else this.#cleanups.push(cleanup);
  }

  end(ending: Ending): void {
    if (this.#done) return;
    // An answer after TimeoutSeconds ran out is too late: the interpreter has failed the state already.
    const late =
      (ending.kind === 'succeeded' || ending.kind === 'failed') &&
      this.deadline !== undefined &&
      Date.now() >= this.deadline;
    const final: Ending = late ? { kind: 'timedOut', error: 'States.Timeout' } : ending;
    this.#done = true;
    for (const cleanup of this.#cleanups) cleanup();
    if (final.kind === 'succeeded') this.events.succeeded(final.output);
    else if (final.kind === 'failed') this.events.failed(final.error, final.cause);
    else if (final.kind === 'timedOut') this.events.timedOut(final.error);
    this.#resolve(final);
  }
}

/** What the interpreter gets back from an attempt. */
function outcome(ending: Ending): unknown {
  switch (ending.kind) {
    case 'succeeded':
      return ending.output;
    case 'failed':
      throw new TaskFailure(ending.error ?? '', ending.cause ?? '', ending.recoverable);
    case 'timedOut':
      throw new TaskFailure(ending.error, '');
    case 'aborted':
      // Nobody is listening any more: the interpreter stopped with the execution.
      throw new TaskFailure('States.Runtime', 'The execution has closed.', false);
  }
}

const isLambdaInvoke = (resource: SupportedResource) =>
  resource.kind === 'function' ||
  (resource.resourceType === 'lambda' && /^invoke(\.waitForTaskToken)?$/.test(resource.resource));

/** The Task states of one execution. */
export class TaskStates {
  readonly handlers: Handlers = {};
  readonly #environment: TaskEnvironment;
  /** Attempts in flight, by state name (several at once for a state inside a Map). */
  readonly #open = new Map<string, Set<Attempt>>();

  constructor(states: Iterable<StateInfo>, environment: TaskEnvironment) {
    this.#environment = environment;
    for (const state of states) if (state.type === 'Task') this.handlers[state.name] = this.#handlerFor(state);
  }

  /** The interpreter failed the state with States.Timeout: its attempt records that and stops waiting. */
  timedOut(stateName: string): void {
    for (const attempt of this.#open.get(stateName) ?? []) {
      if (attempt.deadline !== undefined && attempt.deadline <= Date.now())
        attempt.end({ kind: 'timedOut', error: 'States.Timeout' });
    }
  }

  #handlerFor(state: StateInfo): Handler {
    const arn = String(state.definition.Resource);
    const resource = classifyResource(arn);
    if (resource.kind === 'unsupported' || !isLambdaInvoke(resource)) {
      return async () => {
        throw new TaskFailure(
          'States.Runtime',
          `The local runtime does not support the Task resource '${arn}' (state '${state.name}').`,
          false,
        );
      };
    }
    return (input) => {
      const run = this.#run(state, resource, input);
      // When the interpreter's own timer won the race it no longer awaits this; its end is already recorded.
      run.catch(() => undefined);
      return run as Promise<Awaited<ReturnType<Handler>>>;
    };
  }

  async #run(state: StateInfo, resource: SupportedResource, stateInput: unknown): Promise<unknown> {
    const environment = this.#environment;
    const fromPath = timeoutFromPath(state, stateInput);
    const input = fromPath.input;
    // Until the first await this runs in the interpreter's synchronous stretch for this attempt,
    // right after it evaluated the state's Parameters (see StateTracker.claimToken).
    environment.tracker.startAttempt(state.id);
    const callback = resource.kind === 'service' && resource.callback;
    const token = callback ? environment.tracker.claimToken(state.id) : undefined;
    const timeoutSeconds = fromPath.seconds ?? secondsOf(state, 'TimeoutSeconds', input);
    const heartbeatSeconds = callback ? secondsOf(state, 'HeartbeatSeconds', input) : undefined;
    const attempt = new Attempt(
      timeoutSeconds === undefined ? undefined : Date.now() + timeoutSeconds * 1000,
      new TaskEvents(environment.history, resource, environment.region),
    );
    this.#track(state.name, attempt);
    if (fromPath.seconds !== undefined) {
      const timer = setTimeout(
        () => attempt.end({ kind: 'timedOut', error: 'States.Timeout' }),
        Math.min(fromPath.seconds * 1000, MAX_TIMER_MS),
      );
      attempt.onEnd(() => clearTimeout(timer));
    }
    const waiting = token ? this.#awaitCallback(token, attempt, heartbeatSeconds) : undefined;
    const abort = () => attempt.end({ kind: 'aborted' });
    environment.signal.addEventListener('abort', abort, { once: true });
    attempt.onEnd(() => environment.signal.removeEventListener('abort', abort));
    if (environment.signal.aborted) abort();

    // The interpreter's StateEntered reaches the history through its event stream a few microtasks
    // from now; starting on the next macrotask keeps this attempt's events after it.
    await new Promise((resolve) => setImmediate(resolve));
    if (!attempt.done) {
      attempt.events.scheduled(input, timeoutSeconds, heartbeatSeconds);
      attempt.events.started();
      waiting?.started();
      if (resource.kind === 'function') this.#invokeFunction(resource.arn, input, attempt);
      else this.#invokeIntegration(input, attempt, waiting);
    }
    return outcome(await attempt.ended);
  }

  #track(stateName: string, attempt: Attempt): void {
    let open = this.#open.get(stateName);
    if (!open) {
      open = new Set();
      this.#open.set(stateName, open);
    }
    open.add(attempt);
    attempt.onEnd(() => open.delete(attempt));
  }

  /** A direct function ARN: the function gets the effective input and its return value is the result. */
  #invokeFunction(functionArn: string, input: unknown, attempt: Attempt): void {
    (async () => this.#environment.invokeFunction(functionArn, viaJson(input)))().then(
      (result) => attempt.end({ kind: 'succeeded', output: viaJson(result) }),
      (thrown: unknown) => attempt.end({ kind: 'failed', ...lambdaFailure(thrown) }),
    );
  }

  /** lambda:invoke: Parameters name the function and its Payload; the result is Invoke's response. */
  #invokeIntegration(input: unknown, attempt: Attempt, waiting: CallbackWait | undefined): void {
    const parameters = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const functionName = parameters.FunctionName;
    if (typeof functionName !== 'string' || functionName === '') {
      attempt.end({
        kind: 'failed',
        error: 'States.Runtime',
        cause: "The lambda:invoke Parameters have no 'FunctionName'.",
        recoverable: false,
      });
      return;
    }
    // Without a Payload, Lambda's Invoke hands the function an empty object.
    const payload = viaJson('Payload' in parameters ? parameters.Payload : {});
    const invoke = async () => this.#environment.invokeFunction(functionName, payload);
    const respond = (response: Record<string, unknown>) => {
      if (waiting) waiting.submitted(response);
      else attempt.end({ kind: 'succeeded', output: response });
    };
    if (parameters.InvocationType === 'DryRun') {
      respond(invokeResponse('', 204));
      return;
    }
    if (parameters.InvocationType === 'Event') {
      // Lambda queues the event and answers at once; a failure only shows in the function's logs.
      invoke().catch((thrown: unknown) => {
        const { error } = lambdaFailure(thrown);
        console.error(`Step Functions local: asynchronous invocation of ${functionName} failed with ${error}`);
      });
      respond(invokeResponse('', 202));
      return;
    }
    invoke().then(
      (result) => respond(invokeResponse(viaJson(result), 200)),
      (thrown: unknown) => attempt.end({ kind: 'failed', ...lambdaFailure(thrown) }),
    );
  }

  /** Opens the attempt's token to SendTask* and enforces HeartbeatSeconds. */
  #awaitCallback(token: string, attempt: Attempt, heartbeatSeconds: number | undefined): CallbackWait {
    const { tokens, executionArn } = this.#environment;
    let heartbeat: NodeJS.Timeout | undefined;
    let request: 'pending' | 'submitted' = 'pending';
    let early: Ending | undefined;
    const resetHeartbeat = () => {
      if (heartbeatSeconds === undefined || attempt.done) return;
      clearTimeout(heartbeat);
      heartbeat = setTimeout(
        () => attempt.end({ kind: 'timedOut', error: 'States.HeartbeatTimeout' }),
        Math.min(heartbeatSeconds * 1000, MAX_TIMER_MS),
      );
    };
    // The function may answer through SendTaskSuccess before its own invocation returns; the
    // answer then waits for TaskSubmitted so the history stays in AWS's order.
    const answer = (ending: Ending) => {
      tokens.close(token);
      if (request === 'submitted') attempt.end(ending);
      else early = ending;
    };
    tokens.open(token, {
      executionArn,
      deadline: attempt.deadline,
      succeed: (output) => answer({ kind: 'succeeded', output }),
      fail: (error, cause) => answer({ kind: 'failed', error, cause }),
      heartbeat: resetHeartbeat,
    });
    attempt.onEnd(() => {
      clearTimeout(heartbeat);
      tokens.close(token);
    });
    return {
      started: resetHeartbeat,
      submitted: (response) => {
        if (attempt.done) return;
        attempt.events.submitted(response);
        request = 'submitted';
        if (early) attempt.end(early);
      },
    };
  }
}

interface CallbackWait {
  /** The task started: the heartbeat clock starts. */
  started(): void;
  /** The request carrying the token went out; from now on an answer ends the task. */
  submitted(response: Record<string, unknown>): void;
}
