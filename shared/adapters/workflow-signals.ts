/**
 * Starting workflows and answering their callback tasks. A callback may race a timeout or another
 * signal; a token that is no longer waiting is not an error for the caller (the workflow re-checks
 * the request's state when it next waits), so those answers return false instead of throwing.
 */
import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from './clients.ts';

const staleTokenErrors = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/** Starts an execution named after the business id, so a retried start is idempotent. */
export async function startWorkflow(stateMachineArn: string, name: string, input: unknown): Promise<string> {
  const { executionArn } = await stepFunctions().send(
    new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
  );
  return executionArn!;
}

/** Completes a waiting callback task; false when the token no longer waits. */
export async function completeTask(taskToken: string, output: unknown): Promise<boolean> {
  try {
    await stepFunctions().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return true;
  } catch (error) {
    if (error instanceof Error && staleTokenErrors.has(error.name)) return false;
    throw error;
  }
}
