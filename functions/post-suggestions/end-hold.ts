/** Workflow task: a held suggestion comes back to Communications (MO-03). */
import * as z from 'zod/mini';
import { endHold } from '../../shared/services/post-suggestions.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler('EndHold', z.object({ suggestionId: z.string() }), ({ suggestionId }) =>
  endHold(suggestionId),
);
