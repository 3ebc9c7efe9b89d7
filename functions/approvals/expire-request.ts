/** Workflow task: close an undecided request at its deadline. */
import { expireRequest } from '../../shared/services/approval-workflow.ts';
import { requestTaskInput, taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler('ExpireRequest', requestTaskInput, ({ requestId }) => expireRequest(requestId));
