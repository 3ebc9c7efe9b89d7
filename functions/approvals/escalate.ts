/** Workflow task: tell the region's directors and ask an alternate approver. */
import { escalate } from '../../shared/services/approval-workflow.ts';
import { requestTaskInput, taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler('Escalate', requestTaskInput, ({ requestId }) => escalate(requestId));
