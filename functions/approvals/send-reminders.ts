/** Workflow task: fresh links to the approvers who have not decided yet. */
import { sendReminders } from '../../shared/services/approval-workflow.ts';
import { requestTaskInput, taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler('SendReminders', requestTaskInput, ({ requestId }) => sendReminders(requestId));
