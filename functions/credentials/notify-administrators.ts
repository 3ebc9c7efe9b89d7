/** Workflow task: the rotation task (or its reminder) to the designated administrators (TN-09). */
import * as z from 'zod/mini';
import { notifyAdministrators } from '../../shared/services/rotation/workflow-tasks.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'NotifyAdministrators',
  z.object({ accountId: z.string(), rotationId: z.string(), why: z.enum(['task', 'reminder']) }),
  ({ accountId, rotationId, why }) => notifyAdministrators(accountId, rotationId, why),
);
