/** `ops executions [--workflow <name>] [--status FAILED] [--limit 20]`: recent executions, newest first. */
import { ListExecutionsCommand, type ExecutionStatus } from '@aws-sdk/client-sfn';
import { executionStatuses, formatDuration } from '../../shared/domain/operations.ts';
import { workflows, type WorkflowKey } from '../../shared/workflows.ts';
import { parseCount } from './args.ts';
import { stringOption, type CommandInput } from './command.ts';
import { workflowKeyOf } from './connection.ts';
import { print, table, UsageError } from './output.ts';

export interface ExecutionRow {
  workflow: string;
  name: string;
  status: string;
  startDate: string;
  stopDate?: string;
  /** To the stop, or to now while it runs. */
  durationMs: number;
  executionArn: string;
}

/** Lists executions of one workflow (or every workflow), optionally in one status. */
export async function listExecutionsCommand(input: CommandInput): Promise<void> {
  const workflowOption = stringOption(input, 'workflow');
  const status = stringOption(input, 'status')?.toUpperCase();
  if (status && !(executionStatuses as readonly string[]).includes(status))
    throw new UsageError(`--status is one of ${executionStatuses.join(', ')}.`);
  const limit = parseCount('limit', stringOption(input, 'limit'), 20);
  const keys = workflowOption
    ? [workflowKeyOf(workflowOption)]
    : (Object.keys(input.connection.stateMachines) as WorkflowKey[]);
  const now = Date.now();
  const rows: ExecutionRow[] = [];
  for (const key of keys) {
    const stateMachineArn = input.connection.stateMachines[key];
    if (!stateMachineArn)
      throw new UsageError(`The ${workflows[key].name} state machine was not found in ${input.connection.where}.`);
    const { executions = [] } = await input.connection.sfn.send(
      new ListExecutionsCommand({
        stateMachineArn,
        maxResults: limit,
        ...(status ? { statusFilter: status as ExecutionStatus } : {}),
      }),
    );
    for (const e of executions) {
      rows.push({
        workflow: workflows[key].name,
        name: e.name!,
        status: e.status!,
        startDate: e.startDate!.toISOString(),
        ...(e.stopDate ? { stopDate: e.stopDate.toISOString() } : {}),
        durationMs: (e.stopDate?.getTime() ?? now) - e.startDate!.getTime(),
        executionArn: e.executionArn!,
      });
    }
  }
  rows.sort((a, b) => b.startDate.localeCompare(a.startDate));
  const shown = rows.slice(0, limit);
  print(shown, input.json, (list) =>
    table(
      list,
      [
        { header: 'WORKFLOW', value: (r) => r.workflow },
        { header: 'EXECUTION', value: (r) => r.name },
        { header: 'STATUS', value: (r) => r.status },
        { header: 'STARTED', value: (r) => r.startDate.slice(0, 19).replace('T', ' ') },
        {
          header: 'DURATION',
          value: (r) => `${formatDuration(r.durationMs)}${r.stopDate ? '' : ' so far'}`,
          align: 'right',
        },
      ],
      `No ${status ? `${status} ` : ''}executions.`,
    ),
  );
}
