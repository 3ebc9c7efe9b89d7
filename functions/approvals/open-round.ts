/** Workflow task: email links to the approvers whose turn it is. */
import { openRound } from '../../shared/services/approval-workflow.ts';
import { requestTaskInput, taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler('OpenRound', requestTaskInput, ({ requestId }) => openRound(requestId));
