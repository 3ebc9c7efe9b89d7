/**
 * `ops redrive <execution>`: resumes a failed, timed-out or aborted execution from where it
 * stopped (RedriveExecution), as AWS and the local Step Functions both do (issue 19.7). When Step
 * Functions refuses (ExecutionNotRedrivable: stopped more than 14 days ago, an express workflow, a
 * history at its event quota), it starts a
 * new execution of the same state machine with the same input under a derived name, and says so:
 * that one starts from the beginning, so the tasks before the failure run again (they are
 * idempotent by design).
 */
import { DescribeExecutionCommand, RedriveExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { unsuccessfulStatuses } from '../../shared/domain/operations.ts';
import type { CommandInput } from './command.ts';
import { executionArnOf } from './connection.ts';
import { print, UsageError } from './output.ts';

/** Step Functions' limit on execution names. */
const maxNameLength = 80;
const maxAttempts = 50;

/** `<name>-retry-<n>`, the name shortened so the whole stays within the limit. */
export const retryName = (name: string, attempt: number): string => {
  const suffix = `-retry-${attempt}`;
  return `${name.replace(/-retry-\d+$/, '').slice(0, maxNameLength - suffix.length)}${suffix}`;
};

export interface RedriveOutcome {
  action: 'redriven' | 'restarted';
  executionArn: string;
  /** Present when restarted: the new execution. */
  newExecutionArn?: string;
  /** Present when restarted: why RedriveExecution refused. */
  refusal?: string;
}

/** Redrives the execution, or starts it again with the same input when it cannot be redriven. */
export async function redriveCommand(input: CommandInput): Promise<void> {
  const [target] = input.positionals;
  if (!target) throw new UsageError('Usage: ops redrive <execution ARN | Workflow:name>');
  const executionArn = executionArnOf(input.connection, target);
  const { sfn } = input.connection;
  const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  if (!unsuccessfulStatuses.has(execution.status ?? '')) {
    throw new UsageError(
      `${execution.name} is ${execution.status}; only a failed, timed-out or aborted execution can be redriven.`,
    );
  }
  let outcome: RedriveOutcome;
  try {
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    outcome = { action: 'redriven', executionArn };
  } catch (error) {
    if ((error as Error).name !== 'ExecutionNotRedrivable') throw error;
    const refusal = `${(error as Error).name}: ${(error as Error).message}`;
    let started: string | undefined;
    for (let attempt = 1; !started && attempt <= maxAttempts; attempt++) {
      try {
        // The same input, passed through as text: this CLI never prints or parses it.
        const response = await sfn.send(
          new StartExecutionCommand({
            stateMachineArn: execution.stateMachineArn,
            name: retryName(execution.name!, attempt),
            ...(execution.input !== undefined ? { input: execution.input } : {}),
          }),
        );
        started = response.executionArn;
      } catch (startError) {
        if ((startError as Error).name !== 'ExecutionAlreadyExists') throw startError;
      }
    }
    if (!started)
      throw new Error(`${maxAttempts} retries of ${execution.name} exist already; start a new one by hand.`);
    outcome = { action: 'restarted', executionArn, newExecutionArn: started, refusal };
  }
  print(outcome, input.json, (o) =>
    o.action === 'redriven'
      ? `Redriven ${o.executionArn}: it resumes from the state that failed.\n`
      : `Step Functions would not redrive ${o.executionArn} (${o.refusal}).\nStarted a NEW execution with the ` +
        `same input instead, from the beginning (earlier tasks run again):\n  ${o.newExecutionArn}\n`,
  );
}
