/** Workflow task: decision links to the supervisor, or to Communications (MO-01, MO-03). */
import * as z from 'zod/mini';
import { askReviewers } from '../../shared/services/post-suggestions.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler('AskReviewers', z.object({ suggestionId: z.string() }), ({ suggestionId }) =>
  askReviewers(suggestionId),
);
