/** Workflow task: the leaver report to the directors. */
import * as z from 'zod/mini';
import { sendLeaverReport } from '../../shared/services/departures.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'SendLeaverReport',
  z.object({ departureId: z.string(), stage: z.enum(['reported', 'completed']) }),
  ({ departureId, stage }) => sendLeaverReport(departureId, stage),
);
