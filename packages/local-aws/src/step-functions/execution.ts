/**
 * One execution: its description (DescribeExecution's members), its history, and the one-way move
 * from RUNNING to a terminal status. Whatever closes it first wins (StopExecution, the execution
 * timeout, the last state); anything still unwinding afterwards is ignored, as AWS ignores a task
 * answering after its execution was stopped.
 */
import type { StateMachineType } from './arns.ts';
import { ExecutionHistory, inputData, outputData, type HistoryEvent } from './history.ts';

/** DescribeExecution's statuses; PENDING_REDRIVE never occurs, as a local redrive starts at once. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What DescribeExecution reports, plus what a restart needs to know about the execution. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  type: StateMachineType;
  status: ExecutionStatus;
  /** JSON text exactly as the caller gave it, as DescribeExecution returns it. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Epoch milliseconds. */
  startDate: number;
  stopDate?: number;
  traceHeader?: string;
  /** How often RedriveExecution resumed it; absent (0) until the first. */
  redriveCount?: number;
  /** Epoch milliseconds of the latest redrive. */
  redriveDate?: number;
  /** The client tokens of the latest redrives, so a repeated request answers as the first did (AWS keeps 10). */
  redriveTokens?: Array<{ token: string; redriveDate: number }>;
  /** The state machine as this execution started it: later updates do not change a running execution. */
  stateMachine: {
    definition: string;
    roleArn: string;
    revisionId: string;
    loggingConfiguration: unknown;
    tracingConfiguration: unknown;
  };
}

/** An execution as the data directory keeps it. */
export interface StoredExecution {
  record: ExecutionRecord;
  events: HistoryEvent[];
}

/** How an execution tells the store about itself, so it needs no reference to files or tokens. */
export interface ExecutionHooks {
  /** The description or history changed (persist it). */
  changed(execution: Execution): void;
  /** The execution reached a terminal status. */
  closed(execution: Execution): void;
}

/** An execution's state; it is run by runExecution and closed by whichever outcome comes first. */
export class Execution {
  readonly record: ExecutionRecord;
  readonly history: ExecutionHistory;
  readonly #hooks: ExecutionHooks;
  /** Aborted when the execution closes, so waiting tasks stop waiting; a fresh one per redrive. */
  #closing = new AbortController();
  #stopInterpreter: (() => void) | undefined;
  #halted = false;

  constructor(record: ExecutionRecord, events: HistoryEvent[], hooks: ExecutionHooks) {
    this.record = record;
    this.#hooks = hooks;
    this.history = new ExecutionHistory(events, () => this.#hooks.changed(this));
  }

  /** A new execution, with its ExecutionStarted event. */
  static start(record: ExecutionRecord, hooks: ExecutionHooks): Execution {
    const execution = new Execution(record, [], hooks);
    execution.history.add(
      'ExecutionStarted',
      { ...inputData(record.input), roleArn: record.stateMachine.roleArn },
      record.startDate,
    );
    return execution;
  }

  get running(): boolean {
    return this.record.status === 'RUNNING';
  }

  get signal(): AbortSignal {
    return this.#closing.signal;
  }

  /** How to stop the interpreter running this execution. */
  attach(stopInterpreter: () => void): void {
    this.#stopInterpreter = stopInterpreter;
  }

  succeed(output: string): void {
    this.#close({ status: 'SUCCEEDED', output }, 'ExecutionSucceeded', outputData(output));
  }

  fail(error: string | undefined, cause: string | undefined): void {
    this.#close({ status: 'FAILED', error, cause }, 'ExecutionFailed', { error, cause });
  }

  timeOut(error: string, cause: string | undefined): void {
    this.#close({ status: 'TIMED_OUT', error, cause }, 'ExecutionTimedOut', { error, cause });
  }

  /** StopExecution, or a restart finding the execution still RUNNING. */
  abort(error: string | undefined, cause: string | undefined): void {
    if (!this.#close({ status: 'ABORTED', error, cause }, 'ExecutionAborted', { error, cause })) return;
    this.#stopInterpreter?.();
  }

  /**
   * RedriveExecution's move from a closed status back to RUNNING: the terminal members go, the
   * history takes events again, starting with ExecutionRedriven. The caller has checked that the
   * execution may be redriven and runs it again from where it stopped.
   */
  reopen(redriveDate: number): void {
    const redriveCount = (this.record.redriveCount ?? 0) + 1;
    for (const member of ['output', 'error', 'cause', 'stopDate'] as const) delete this.record[member];
    Object.assign(this.record, { status: 'RUNNING', redriveCount, redriveDate });
    this.#closing = new AbortController();
    this.#stopInterpreter = undefined;
    this.history.reopen();
    this.history.add('ExecutionRedriven', { redriveCount }, redriveDate);
  }

  /**
   * Stops the interpreter without recording anything: the process is shutting down, and the
   * execution stays RUNNING in the data directory for the next start to find.
   */
  halt(): void {
    if (!this.running || this.#halted) return;
    this.#halted = true;
    this.history.seal();
    this.#closing.abort();
    this.#stopInterpreter?.();
  }

  #close(
    fields: Partial<ExecutionRecord> & { status: ExecutionStatus },
    eventType: string,
    details: Record<string, unknown>,
  ): boolean {
    if (!this.running || this.#halted) return false;
    const stopDate = Date.now();
    Object.assign(this.record, { ...fields, stopDate });
    this.history.close(eventType, details, stopDate);
    this.#closing.abort();
    this.#hooks.closed(this);
    return true;
  }

  toStored(): StoredExecution {
    return { record: this.record, events: this.history.events };
  }
}
