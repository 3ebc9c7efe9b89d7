/** Workflow task: create the approved account, its credential secret, and tell people what next. */
import { provisionAccount } from '../../shared/services/provisioning.ts';
import { requestTaskInput, taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler('ProvisionAccount', requestTaskInput, ({ requestId }) =>
  provisionAccount(requestId),
);
