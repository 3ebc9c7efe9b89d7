/** Workflow task: a wait for a person ran out (States.Timeout); closes its subject, tells operations (issue 19.2). */
import * as z from 'zod/mini';
import { waitingStates } from '../../shared/domain/wait-limits.ts';
import { closeTimedOutWait } from '../../shared/services/wait-timeouts.ts';
import { taskHandler } from '../../shared/task-handler.ts';

const workflowKeys = Object.keys(waitingStates) as [keyof typeof waitingStates, ...Array<keyof typeof waitingStates>];

export const handler = taskHandler(
  'CloseTimedOutWait',
  z.object({
    workflow: z.enum(workflowKeys),
    subjectId: z.string(),
    state: z.string(),
    accountId: z.optional(z.string()),
  }),
  (input) => closeTimedOutWait(input),
);
