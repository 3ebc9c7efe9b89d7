/** Workflow callback task: wait until HR or IT confirms the email access is gone (TN-10). */
import * as z from 'zod/mini';
import { awaitEmailRemoval } from '../../shared/services/departures.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'AwaitEmailRemoval',
  z.object({ departureId: z.string(), taskToken: z.string().check(z.minLength(1)) }),
  ({ departureId, taskToken }) => awaitEmailRemoval(departureId, taskToken),
);
