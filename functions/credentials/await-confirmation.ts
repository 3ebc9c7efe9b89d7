/** Workflow callback task: wait for the administrator's confirmation, token kept server-side. */
import * as z from 'zod/mini';
import { awaitConfirmation } from '../../shared/services/rotation/workflow-tasks.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'AwaitConfirmation',
  z.object({ accountId: z.string(), rotationId: z.string(), taskToken: z.string().check(z.minLength(1)) }),
  ({ accountId, rotationId, taskToken }) => awaitConfirmation(accountId, rotationId, taskToken),
);
