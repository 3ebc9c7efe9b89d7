/**
 * Task tokens of callback (`.waitForTaskToken`) tasks, and the tasks waiting on them. A token is
 * opaque to callers, but carries the ARN of the execution that minted it, so a token outliving its
 * task is told apart from one never issued even after a restart: that is the difference between
 * AWS's TaskTimedOut ("already closed") and TaskDoesNotExist.
 */
import { randomBytes } from 'node:crypto';
import { SfnError } from './errors.ts';

const VERSION = 1;
// AWS tokens are several hundred characters of base64 (with + and /); matching that keeps URL
// encoding, header and column sizes honest locally.
const TOKEN_BYTES = 480;
const NONCE_BYTES = 32;

/** A new unguessable token for a task of `executionArn`. */
export function mintTaskToken(executionArn: string): string {
  const arn = Buffer.from(executionArn, 'utf8');
  const header = Buffer.alloc(3);
  header.writeUInt8(VERSION, 0);
  header.writeUInt16BE(arn.length, 1);
  return Buffer.concat([
    header,
    arn,
    randomBytes(Math.max(NONCE_BYTES, TOKEN_BYTES - header.length - arn.length)),
  ]).toString('base64');
}

/** The execution a token was minted for; undefined for anything this runtime did not mint. */
function executionOfToken(token: string): string | undefined {
  const bytes = Buffer.from(token, 'base64');
  if (bytes.length < 3 || bytes.toString('base64') !== token || bytes[0] !== VERSION) return undefined;
  const length = bytes.readUInt16BE(1);
  if (bytes.length < 3 + length + NONCE_BYTES) return undefined;
  const arn = bytes.subarray(3, 3 + length).toString('utf8');
  return arn.startsWith('arn:') ? arn : undefined;
}

/** A callback task as SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat reach it. */
export interface WaitingTask {
  readonly executionArn: string;
  /** When the state's TimeoutSeconds runs out (epoch ms); the interpreter fails the state then. */
  readonly deadline: number | undefined;
  succeed(output: unknown): void;
  fail(error: string | undefined, cause: string | undefined): void;
  heartbeat(): void;
}

const closedTask = () => new SfnError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");

/** The tokens of this endpoint's callback tasks, open and answered, as SendTask* look them up. */
export class TaskTokenRegistry {
  readonly #open = new Map<string, WaitingTask>();
  /**
   * Tokens already answered or abandoned, by execution: while it runs, and after it closes for when a
   * redrive runs it again (its earlier attempt's tokens stay closed, as in AWS).
   */
  readonly #closed = new Map<string, Set<string>>();
  readonly #isExecutionClosed: (executionArn: string) => boolean;

  constructor(isExecutionClosed: (executionArn: string) => boolean) {
    this.#isExecutionClosed = isExecutionClosed;
  }

  open(token: string, task: WaitingTask): void {
    this.#open.set(token, task);
  }

  /** The task no longer accepts an answer (it was answered, failed, timed out or aborted). */
  close(token: string): void {
    const task = this.#open.get(token);
    if (!task) return;
    this.#open.delete(token);
    let closed = this.#closed.get(task.executionArn);
    if (!closed) {
      closed = new Set();
      this.#closed.set(task.executionArn, closed);
    }
    closed.add(token);
  }

  /** Once an execution has closed, none of its tokens takes an answer, even after a redrive. */
  closeExecution(executionArn: string): void {
    for (const [token, task] of this.#open) if (task.executionArn === executionArn) this.close(token);
  }

  /** The task waiting on `token`, or the error AWS answers with for it. */
  find(token: string): WaitingTask {
    const executionArn = executionOfToken(token);
    if (!executionArn) throw new SfnError('InvalidToken', 'Invalid token');
    const task = this.#open.get(token);
    if (task && (task.deadline === undefined || Date.now() < task.deadline)) return task;
    if (task || this.#closed.get(executionArn)?.has(token) || this.#isExecutionClosed(executionArn)) throw closedTask();
    throw new SfnError('TaskDoesNotExist', "Task Does Not Exist: 'Provided task does not exist'");
  }
}
