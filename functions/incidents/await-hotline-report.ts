/** Workflow callback task: wait for the hotline report's reference (TN-14). */
import * as z from 'zod/mini';
import { awaitHotlineReport } from '../../shared/services/incidents.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'AwaitHotlineReport',
  z.object({ incidentId: z.string(), taskToken: z.string().check(z.minLength(1)) }),
  ({ incidentId, taskToken }) => awaitHotlineReport(incidentId, taskToken),
);
