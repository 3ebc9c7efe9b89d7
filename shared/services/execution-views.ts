/**
 * Executions and their timelines for the console's operations page (issue 18): what `npm run ops --
 * executions` and `ops timeline` print, over the API. Names, statuses, dates and error names only.
 */
import { appendAudit } from '../adapters/audit.ts';
import {
  describeExecutionMetadata,
  executionHistory,
  listExecutions,
  redriveExecution,
} from '../adapters/workflow-executions.ts';
import type { Caller } from '../auth/caller.ts';
import { stateMachineArn } from '../config.ts';
import { executionTimeline } from '../domain/execution-timeline.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { type WorkflowKey, workflows } from '../workflows.ts';

/** Recent executions of one workflow, newest first, optionally in one status. */
export async function recentExecutions(workflow: WorkflowKey, options: { status?: string; limit?: number }) {
  const listing = await listExecutions(stateMachineArn(workflows[workflow].envVar), {
    ...(options.status ? { status: options.status } : {}),
    limit: options.limit ?? 20,
  });
  return {
    workflow,
    items: listing.executions.map(({ name, status, startDate, stopDate }) => ({
      name,
      status,
      startDate,
      ...(stopDate ? { stopDate } : {}),
    })),
    truncated: listing.truncated,
  };
}

/** An execution's ARN from its state machine's (callers name `workflows[…]`, as the access check reads them). */
const executionArnIn = (machine: string, name: string) => `${machine.replace(':stateMachine:', ':execution:')}:${name}`;

/** One execution of `workflow` by name, with its timeline (states, tasks, durations, error names). */
export async function executionWithTimeline(workflow: WorkflowKey, name: string) {
  const executionArn = executionArnIn(stateMachineArn(workflows[workflow].envVar), name);
  let found: Awaited<ReturnType<typeof executionHistory>>;
  try {
    found = await executionHistory(executionArn);
  } catch (error) {
    if ((error as Error).name === 'ExecutionDoesNotExist') throw new NotFoundError(`No execution ${name}.`);
    throw error;
  }
  const { execution, events } = found;
  return {
    workflow,
    name,
    status: execution.status ?? 'UNKNOWN',
    startDate: (execution.startDate ?? new Date(0)).toISOString(),
    ...(execution.stopDate ? { stopDate: execution.stopDate.toISOString() } : {}),
    ...(execution.error ? { error: execution.error } : {}),
    redriveCount: execution.redriveCount ?? 0,
    ...(execution.redriveStatus === 'REDRIVABLE' ? { redrivable: true } : {}),
    events: executionTimeline(events),
  };
}

/** What POST /ops/executions/{workflow}/{name}/redrive answers. */
export interface RedriveResult {
  workflow: WorkflowKey;
  name: string;
  status: string;
  redriveCount: number;
  /** True when this request redrove it; false when it was already running (a repeated click). */
  redriven: boolean;
}

/**
 * The console's Redrive (issue 18, 19.7): the failed, timed-out or aborted execution resumes at the
 * state that stopped it, under its own name. Idempotent: an execution already running again answers
 * its status and redrives nothing; one that succeeded, or that Step Functions will not redrive, is a
 * 409 with Step Functions' reason. Audited under the execution.
 */
export async function redriveWorkflowExecution(
  caller: Caller,
  workflow: WorkflowKey,
  name: string,
): Promise<RedriveResult> {
  const executionArn = executionArnIn(stateMachineArn(workflows[workflow].envVar), name);
  const describe = async () => {
    try {
      return await describeExecutionMetadata(executionArn);
    } catch (error) {
      if ((error as Error).name === 'ExecutionDoesNotExist') throw new NotFoundError(`No execution ${name}.`);
      throw error;
    }
  };
  const current = await describe();
  const answer = (status: string, redriveCount: number, redriven: boolean): RedriveResult => ({
    workflow,
    name,
    status,
    redriveCount,
    redriven,
  });
  if (current.status === 'RUNNING') return answer('RUNNING', current.redriveCount ?? 0, false);
  if (current.status === 'SUCCEEDED')
    throw new ConflictError(`${name} succeeded; there is nothing to redrive.`, 'NotRedrivable');
  try {
    await redriveExecution(executionArn);
  } catch (error) {
    if ((error as Error).name !== 'ExecutionNotRedrivable') throw error;
    // Someone else's redrive got there first: it is running again, which is what was asked.
    const now = await describe();
    if (now.status === 'RUNNING') return answer('RUNNING', now.redriveCount ?? 0, false);
    throw new ConflictError(
      `Step Functions will not redrive ${name}: ${now.redriveStatusReason ?? (error as Error).message}`,
      'NotRedrivable',
    );
  }
  const redriveCount = (current.redriveCount ?? 0) + 1;
  await appendAudit({
    subject: `EXECUTION#${workflow}:${name}`,
    action: 'execution.redriven',
    actorId: caller.id,
    at: new Date().toISOString(),
    details: { workflow, name, previousStatus: current.status, redriveCount },
  });
  return answer('RUNNING', redriveCount, true);
}
