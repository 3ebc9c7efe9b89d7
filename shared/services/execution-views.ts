/**
 * Executions and their timelines for the console's operations page (issue 18): what `npm run ops --
 * executions` and `ops timeline` print, over the API. Names, statuses, dates and error names only.
 */
import { executionHistory, listExecutions } from '../adapters/workflow-executions.ts';
import { stateMachineArn } from '../config.ts';
import { executionTimeline } from '../domain/execution-timeline.ts';
import { NotFoundError } from '../errors.ts';
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

/** One execution of `workflow` by name, with its timeline (states, tasks, durations, error names). */
export async function executionWithTimeline(workflow: WorkflowKey, name: string) {
  const machine = stateMachineArn(workflows[workflow].envVar);
  const executionArn = `${machine.replace(':stateMachine:', ':execution:')}:${name}`;
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
    events: executionTimeline(events),
  };
}
