/**
 * The context object (`$$`) as Step Functions fills it. The interpreter's copy of the definition
 * reads it under CONTEXT_KEY (see prepareDefinition), because the interpreter overwrites
 * `$$.Execution` for every Map iteration and Parallel branch and knows nothing of `$$.State` or
 * `$$.Task`. Per-state members are getters, so they hold their value at the moment the interpreter
 * evaluates the path.
 */
import { CONTEXT_KEY, type StateInfo } from './definition.ts';

/** `$$.Execution`, with the members AWS documents for a standard workflow. */
export interface ExecutionContext {
  Id: string;
  Input: unknown;
  Name: string;
  RoleArn: string;
  StartTime: string;
  RedriveCount: number;
  /** Present once the execution has been redriven. */
  RedriveTime?: string;
}

/** What one execution's states have done so far, as `$$.State` and `$$.Task` expose it. */
export class StateTracker {
  readonly #enteredTime = new Map<string, string>();
  readonly #attempts = new Map<string, number>();
  readonly #pendingTokens = new Map<string, string>();
  readonly #mintToken: () => string;

  constructor(mintToken: () => string) {
    this.#mintToken = mintToken;
  }

  /** The interpreter is entering the state (it calls this as it fetches the state to run). */
  entered(id: string): void {
    this.#enteredTime.set(id, new Date().toISOString());
    this.#attempts.set(id, 0);
  }

  enteredTime(id: string): string {
    return this.#enteredTime.get(id) ?? new Date().toISOString();
  }

  /** Attempts started since the state was entered: `$$.State.RetryCount` of the next attempt. */
  retryCount(id: string): number {
    return this.#attempts.get(id) ?? 0;
  }

  /** A Task attempt begins, after its Parameters were evaluated with the current RetryCount. */
  startAttempt(id: string): void {
    this.#attempts.set(id, this.retryCount(id) + 1);
  }

  /** `$$.Task.Token` as the attempt's Parameters read it: one token however often they read it. */
  token(id: string): string {
    let token = this.#pendingTokens.get(id);
    if (!token) {
      token = this.#mintToken();
      this.#pendingTokens.set(id, token);
    }
    return token;
  }

  /**
   * The token the attempt's Parameters carried (a fresh one if they carried none). The interpreter
   * evaluates a Task's Parameters and calls its handler in one synchronous stretch, so the pending
   * token is always the one of the attempt that claims it, even with Map iterations in flight.
   */
  claimToken(id: string): string {
    const token = this.#pendingTokens.get(id) ?? this.#mintToken();
    this.#pendingTokens.delete(id);
    return token;
  }
}

/** The context object of one execution, for the interpreter's `context` run option. */
export function buildContextObject(
  execution: ExecutionContext,
  stateMachine: { Id: string; Name: string },
  states: Iterable<StateInfo>,
  tracker: StateTracker,
): Record<string, unknown> {
  const stateMembers: Record<string, unknown> = {};
  const taskMembers: Record<string, unknown> = {};
  for (const { id, name, type, definition } of states) {
    stateMembers[id] = {
      Name: name,
      get EnteredTime() {
        return tracker.enteredTime(id);
      },
      get RetryCount() {
        return tracker.retryCount(id);
      },
    };
    // Only callback tasks have a `$$.Task`; elsewhere the path points at nothing, as in AWS.
    if (type === 'Task' && String(definition.Resource).endsWith('.waitForTaskToken')) {
      taskMembers[id] = {
        get Token() {
          return tracker.token(id);
        },
      };
    }
  }
  return {
    [CONTEXT_KEY]: { Execution: execution, StateMachine: stateMachine, States: stateMembers, Tasks: taskMembers },
  };
}
