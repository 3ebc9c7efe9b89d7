/** Workflow task: a password change for every account the leaver could reveal (TN-10). */
import * as z from 'zod/mini';
import { rotateLeaverAccounts } from '../../shared/services/departures.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler('RotateAccounts', z.object({ departureId: z.string() }), ({ departureId }) =>
  rotateLeaverAccounts(departureId),
);
