/** Workflow task: tell everyone who uses the account that its password changed (TN-09, NJ-05). */
import * as z from 'zod/mini';
import { announceRotation } from '../../shared/services/rotation/workflow-tasks.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'AnnounceRotation',
  z.object({ accountId: z.string(), rotationId: z.string() }),
  ({ accountId, rotationId }) => announceRotation(accountId, rotationId),
);
