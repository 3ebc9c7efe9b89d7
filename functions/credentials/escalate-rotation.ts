/** Workflow task: an overdue password change goes to the region's directors. */
import * as z from 'zod/mini';
import { escalateRotation } from '../../shared/services/rotation/workflow-tasks.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'EscalateRotation',
  z.object({ accountId: z.string(), rotationId: z.string() }),
  ({ accountId, rotationId }) => escalateRotation(accountId, rotationId),
);
