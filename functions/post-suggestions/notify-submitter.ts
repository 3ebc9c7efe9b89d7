/** Workflow task: the submitter hears what happened to their suggestion. */
import * as z from 'zod/mini';
import { notifySubmitter } from '../../shared/services/post-suggestions.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler('NotifySubmitter', z.object({ suggestionId: z.string() }), ({ suggestionId }) =>
  notifySubmitter(suggestionId),
);
