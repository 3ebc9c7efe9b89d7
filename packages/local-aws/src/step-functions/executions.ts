/**
 * All executions of this account and region: started here, or found in the data directory. An
 * execution that was RUNNING when the process stopped cannot be resumed, because its progress lived
 * in the interpreter's memory (the states it was in, its timers, its task tokens' waiting tasks).
 * The next start records it as ABORTED with the cause "local runtime restarted"; callers see what
 * they would see had someone stopped it, and its task tokens answer TaskTimedOut.
 */
import { randomUUID } from 'node:crypto';
import { assertExecutionArn, assertValidName, executionArn, type ArnScope } from './arns.ts';
import { executionDoesNotExist, SfnError, validationFailed } from './errors.ts';
import { Execution, type ExecutionHooks, type ExecutionStatus, type StoredExecution } from './execution.ts';
import type { JsonFiles } from './json-files.ts';
import { CLIENT_TOKEN_MS, CLIENT_TOKENS_KEPT, redriveStatusOf, resumePointOf, type ResumePoint } from './redrive.ts';
import { runExecution } from './runner.ts';
import type { LocalFunctionInvoker } from './invoker.ts';
import type { StateMachineRecord } from './state-machines.ts';
import { TaskTokenRegistry } from './task-tokens.ts';

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
/** ListExecutions' statusFilter also takes PENDING_REDRIVE, as AWS does; a local redrive never waits in it. */
const FILTERS: readonly string[] = [...STATUSES, 'PENDING_REDRIVE'];
const MAX_INPUT_BYTES = 256 * 1024;
const RESTART_CAUSE = 'local runtime restarted';

/** What executions need from the endpoint that hosts them. */
export interface ExecutionStoreOptions {
  scope: ArnScope;
  invokeFunction: LocalFunctionInvoker;
  waitTimeOverrides: Record<string, Record<string, number>> | undefined;
  files: JsonFiles | undefined;
}

/** Executions by ARN, and the task tokens their callback tasks wait on. */
export class ExecutionStore {
  readonly tokens: TaskTokenRegistry;
  readonly #executions = new Map<string, Execution>();
  readonly #options: ExecutionStoreOptions;
  readonly #hooks: ExecutionHooks;

  constructor(options: ExecutionStoreOptions) {
    this.#options = options;
    this.tokens = new TaskTokenRegistry((arn) => this.#executions.get(arn)?.running === false);
    this.#hooks = {
      changed: (execution) =>
        options.files?.write('executions', execution.record.executionArn, () => execution.toStored()),
      closed: (execution) => this.tokens.closeExecution(execution.record.executionArn),
    };
  }

  /** Reads the data directory; executions left RUNNING by the previous process are aborted. */
  async load(): Promise<void> {
    for (const value of (await this.#options.files?.readAll('executions')) ?? []) {
      const stored = value as StoredExecution;
      if (typeof stored?.record?.executionArn !== 'string' || !Array.isArray(stored.events)) continue;
      const execution = new Execution(stored.record, stored.events, this.#hooks);
      this.#executions.set(stored.record.executionArn, execution);
      execution.abort(undefined, RESTART_CAUSE);
    }
  }

  /**
   * StartExecution. As in AWS, starting a name again while that execution runs with the same input
   * returns the running one; a different input, or a closed execution, is ExecutionAlreadyExists.
   * Express executions get a fresh ARN every time, so they never collide.
   */
  start(
    stateMachine: StateMachineRecord,
    request: { name: string | undefined; input: string | undefined; traceHeader: string | undefined },
  ): Execution {
    const name = request.name ?? randomUUID();
    assertValidName(name);
    const input = request.input ?? '{}';
    if (Buffer.byteLength(input) > MAX_INPUT_BYTES) {
      throw validationFailed([
        `Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ` +
          `${MAX_INPUT_BYTES}`,
      ]);
    }
    try {
      JSON.parse(input);
    } catch (error) {
      throw new SfnError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${(error as Error).message}'`,
      );
    }
    const arn = executionArn(this.#options.scope, stateMachine.name, name, stateMachine.type);
    const existing = this.#executions.get(arn);
    if (existing) {
      if (existing.running && existing.record.input === input) return existing;
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const execution = Execution.start(
      {
        executionArn: arn,
        stateMachineArn: stateMachine.stateMachineArn,
        stateMachineName: stateMachine.name,
        name,
        type: stateMachine.type,
        status: 'RUNNING',
        input,
        startDate: Date.now(),
        ...(request.traceHeader ? { traceHeader: request.traceHeader } : {}),
        stateMachine: {
          definition: stateMachine.definition,
          roleArn: stateMachine.roleArn,
          revisionId: stateMachine.revisionId,
          loggingConfiguration: stateMachine.loggingConfiguration,
          tracingConfiguration: stateMachine.tracingConfiguration,
        },
      },
      this.#hooks,
    );
    this.#executions.set(arn, execution);
    this.#run(execution);
    return execution;
  }

  /**
   * RedriveExecution: the execution resumes, under its own ARN, at the state it stopped in. A client
   * token already used for this execution (within AWS's 15 minutes) answers with that redrive's date
   * and redrives nothing. Returns the redrive date.
   */
  redrive(arn: string, clientToken: string | undefined): number {
    const execution = this.get(arn);
    const { record } = execution;
    const now = Date.now();
    const earlier = record.redriveTokens?.find(
      ({ token, redriveDate }) => token === clientToken && now - redriveDate < CLIENT_TOKEN_MS,
    );
    if (earlier) return earlier.redriveDate;
    const { redriveStatusReason } = redriveStatusOf(execution, now);
    if (redriveStatusReason)
      throw new SfnError('ExecutionNotRedrivable', `Execution Not Redrivable: '${redriveStatusReason}'`);
    const resume = resumePointOf(execution);
    if (clientToken) {
      record.redriveTokens = [...(record.redriveTokens ?? []), { token: clientToken, redriveDate: now }].slice(
        -CLIENT_TOKENS_KEPT,
      );
    }
    execution.reopen(now);
    this.#run(execution, resume);
    return now;
  }

  #run(execution: Execution, resume?: ResumePoint): void {
    const { record } = execution;
    runExecution(
      execution,
      {
        region: this.#options.scope.region,
        invokeFunction: this.#options.invokeFunction,
        tokens: this.tokens,
        waitTimeOverrides: this.#options.waitTimeOverrides?.[record.stateMachineName],
      },
      resume,
    ).catch((error: unknown) => {
      // A bug here, not in the workflow: fail the execution rather than leave it RUNNING forever.
      console.error(`Step Functions local: execution ${record.executionArn} broke the runtime:`, error);
      execution.fail('States.Runtime', 'The local Step Functions runtime failed while running this execution.');
    });
  }

  /** The execution, or InvalidArn / ExecutionDoesNotExist. */
  get(arn: string): Execution {
    assertExecutionArn(arn);
    const execution = this.#executions.get(arn);
    if (!execution) throw executionDoesNotExist(arn);
    return execution;
  }

  /** A state machine's executions, optionally of one status. */
  of(stateMachineArn: string, statusFilter: unknown): Execution[] {
    if (statusFilter !== undefined && !FILTERS.includes(statusFilter as string)) {
      throw validationFailed([
        `Value '${String(statusFilter)}' at 'statusFilter' failed to satisfy constraint: Member must satisfy ` +
          `enum value set: [${STATUSES.join(', ')}]`,
      ]);
    }
    return [...this.#executions.values()].filter(
      ({ record }) =>
        record.stateMachineArn === stateMachineArn && (statusFilter === undefined || record.status === statusFilter),
    );
  }

  /** Stops the interpreters without recording anything, for a process shutdown (see `load`). */
  halt(): void {
    for (const execution of this.#executions.values()) execution.halt();
  }
}
