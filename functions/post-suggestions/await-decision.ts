/** Workflow callback task: wait for the step's decision, token kept server-side. */
import * as z from 'zod/mini';
import { awaitSuggestionDecision } from '../../shared/services/post-suggestions.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'AwaitSuggestionDecision',
  z.object({
    suggestionId: z.string(),
    step: z.enum(['supervisor', 'communications']),
    taskToken: z.string().check(z.minLength(1)),
  }),
  ({ suggestionId, step, taskToken }) => awaitSuggestionDecision(suggestionId, step, taskToken),
);
