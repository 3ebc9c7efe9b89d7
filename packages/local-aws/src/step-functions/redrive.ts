/**
 * RedriveExecution's rules: which closed executions Step Functions lets resume (DescribeExecution's
 * redriveStatus and redriveStatusReason, in AWS's wording), and where a redrive resumes. AWS reruns
 * the state that did not complete with the input it was given, never the states that completed
 * before it. A failed Parallel or inline Map state is rerun whole here, where AWS reruns only its
 * failed branches or iterations.
 */
import type { Execution } from './execution.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** AWS redrives executions that stopped within the last 14 days. */
const REDRIVABLE_PERIOD_MS = 14 * DAY_MS;
/** A standard execution's maximum duration, which a redrive does not extend. */
const MAX_EXECUTION_MS = 365 * DAY_MS;
/** The execution history's event quota; a redrive needs room for more events. */
const MAX_HISTORY_EVENTS = 25_000;
/** AWS answers a repeated client token idempotently for 15 minutes. */
export const CLIENT_TOKEN_MS = 15 * 60 * 1000;
/** AWS remembers the last 10 client tokens that redrove an execution. */
export const CLIENT_TOKENS_KEPT = 10;

/** DescribeExecution's redrive members for the execution as it is now. */
export interface RedriveStatus {
  redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE';
  redriveStatusReason?: string;
}

/** Whether RedriveExecution would take the execution now; when not, AWS's reason. */
export function redriveStatusOf({ record, history }: Execution, now = Date.now()): RedriveStatus {
  const refuse = (redriveStatusReason: string): RedriveStatus => ({
    redriveStatus: 'NOT_REDRIVABLE',
    redriveStatusReason,
  });
  if (record.type === 'EXPRESS') return refuse('Execution is of type EXPRESS and cannot be redriven');
  if (record.status === 'RUNNING' || record.status === 'SUCCEEDED')
    return refuse(`Execution is ${record.status} and cannot be redriven`);
  if (now - record.startDate > MAX_EXECUTION_MS) return refuse('Execution has exceeded the max execution time');
  if (now - (record.stopDate ?? now) > REDRIVABLE_PERIOD_MS) return refuse('Execution redrivable period exceeded');
  if (history.events.length >= MAX_HISTORY_EVENTS - 1) return refuse('Execution history event limit exceeded');
  return { redriveStatus: 'REDRIVABLE' };
}

/** Where a redrive resumes: a top-level state and the input it was entered with. */
export interface ResumePoint {
  state: string;
  /** JSON text, as the state's StateEntered event holds it. */
  input: string;
}

/**
 * The top-level state the execution was in when it stopped: the last one it entered (a state that
 * completed is always followed by the next one's entry). Undefined when it stopped before entering
 * any, so the redrive starts at StartAt with the execution's input.
 */
export function resumePointOf({ record, history }: Execution): ResumePoint | undefined {
  const topLevel = new Set(Object.keys((JSON.parse(record.stateMachine.definition) as { States: object }).States));
  for (let index = history.events.length - 1; index >= 0; index--) {
    const event = history.events[index];
    const name = event?.details?.name;
    if (event?.type.endsWith('StateEntered') && typeof name === 'string' && topLevel.has(name))
      return { state: name, input: String(event.details?.input ?? '{}') };
  }
  return undefined;
}
