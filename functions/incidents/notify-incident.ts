/** Workflow task: email the directors and administrators (and the hotline steps, or a rotation). */
import * as z from 'zod/mini';
import { notifyIncident } from '../../shared/services/incidents.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'NotifyIncident',
  z.object({ incidentId: z.string(), reminder: z.boolean() }),
  ({ incidentId, reminder }) => notifyIncident(incidentId, reminder),
);
