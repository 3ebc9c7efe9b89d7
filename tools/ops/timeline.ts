/** `ops timeline <execution>`: one execution's history as a readable timeline (no inputs or outputs). */
import { DescribeExecutionCommand, GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { executionTimeline, timelineLines } from '../../shared/domain/execution-timeline.ts';
import { formatDuration } from '../../shared/domain/operations.ts';
import type { CommandInput } from './command.ts';
import { executionArnOf } from './connection.ts';
import { print, UsageError } from './output.ts';

/** Prints the execution's states, tasks, durations and error names, oldest first. */
export async function timelineCommand(input: CommandInput): Promise<void> {
  const [target] = input.positionals;
  if (!target) throw new UsageError('Usage: ops timeline <execution ARN | Workflow:name>');
  const executionArn = executionArnOf(input.connection, target);
  // Metadata only: the execution's input and output carry people's data.
  const execution = await input.connection.sfn.send(
    new DescribeExecutionCommand({ executionArn, includedData: 'METADATA_ONLY' }),
  );
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await input.connection.sfn.send(
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
  const rows = executionTimeline(events);
  const summary = {
    executionArn,
    name: execution.name,
    status: execution.status,
    startDate: execution.startDate?.toISOString(),
    ...(execution.stopDate ? { stopDate: execution.stopDate.toISOString() } : {}),
    ...(execution.error ? { error: execution.error } : {}),
    events: rows,
  };
  print(summary, input.json, (s) => {
    const took =
      execution.stopDate && execution.startDate
        ? ` after ${formatDuration(execution.stopDate.getTime() - execution.startDate.getTime())}`
        : '';
    return (
      `${s.name}: ${s.status}${took}${s.error ? ` (${s.error})` : ''}, started ` +
      `${s.startDate}\n\n${timelineLines(rows).join('\n')}\n`
    );
  });
}
