/**
 * Reading the state machines' executions for operations (ListExecutions, DescribeExecution,
 * GetExecutionHistory), and redriving one (RedriveExecution). Only names, statuses, dates and events:
 * never an execution's input or output, which carry people's data.
 */
import {
  DescribeExecutionCommand,
  type ExecutionStatus,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  RedriveExecutionCommand,
} from '@aws-sdk/client-sfn';
import { stepFunctions } from './clients.ts';

export interface ExecutionListing {
  executions: Array<{ executionArn: string; name: string; status: string; startDate: string; stopDate?: string }>;
  /** More matched than `limit`; the list holds the newest `limit`. */
  truncated: boolean;
}

/**
 * Executions of one state machine, newest first (ListExecutions' order), optionally in one status,
 * until one started before `since` or `limit` are read.
 */
export async function listExecutions(
  stateMachineArn: string,
  options: { status?: string; since?: Date; limit?: number } = {},
): Promise<ExecutionListing> {
  const limit = options.limit ?? 1000;
  const executions: ExecutionListing['executions'] = [];
  let nextToken: string | undefined;
  do {
    const page = await stepFunctions().send(
      new ListExecutionsCommand({
        stateMachineArn,
        maxResults: Math.min(1000, limit - executions.length),
        ...(options.status ? { statusFilter: options.status as ExecutionStatus } : {}),
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    for (const item of page.executions ?? []) {
      if (options.since && item.startDate && item.startDate < options.since) return { executions, truncated: false };
      executions.push({
        executionArn: item.executionArn!,
        name: item.name!,
        status: item.status!,
        startDate: (item.startDate ?? new Date(0)).toISOString(),
        ...(item.stopDate ? { stopDate: item.stopDate.toISOString() } : {}),
      });
    }
    nextToken = page.nextToken;
  } while (nextToken && executions.length < limit);
  return { executions, truncated: Boolean(nextToken) };
}

/** One execution's metadata and history events: never its input or output (METADATA_ONLY, no execution data). */
export async function executionHistory(executionArn: string) {
  const execution = await stepFunctions().send(
    new DescribeExecutionCommand({ executionArn, includedData: 'METADATA_ONLY' }),
  );
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await stepFunctions().send(
      new GetExecutionHistoryCommand({
        executionArn,
        includeExecutionData: false,
        maxResults: 1000,
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return { execution, events };
}

/** An execution's status and redrive members, without its data (METADATA_ONLY). */
export async function describeExecutionMetadata(executionArn: string) {
  return stepFunctions().send(new DescribeExecutionCommand({ executionArn, includedData: 'METADATA_ONLY' }));
}

/** RedriveExecution: the execution resumes at the state it stopped in; the SDK's client token makes a retry safe. */
export async function redriveExecution(executionArn: string): Promise<Date | undefined> {
  return (await stepFunctions().send(new RedriveExecutionCommand({ executionArn }))).redriveDate;
}
