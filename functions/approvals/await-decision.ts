/** Workflow callback task: keep the task token server-side until a decision answers it. */
import * as z from 'zod/mini';
import { awaitDecision } from '../../shared/services/approval-workflow.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'AwaitDecision',
  z.object({ requestId: z.string().check(z.minLength(1)), taskToken: z.string().check(z.minLength(1)) }),
  ({ requestId, taskToken }) => awaitDecision(requestId, taskToken),
);
