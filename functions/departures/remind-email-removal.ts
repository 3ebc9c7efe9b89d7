/** Workflow task: remind HR and IT, or escalate to the directors. */
import * as z from 'zod/mini';
import { remindEmailRemoval } from '../../shared/services/departures.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'RemindEmailRemoval',
  z.object({ departureId: z.string(), escalated: z.boolean() }),
  ({ departureId, escalated }) => remindEmailRemoval(departureId, escalated),
);
