/** Workflow task: tell the requester why the request ended without an account. */
import * as z from 'zod/mini';
import { notifyClosed } from '../../shared/services/approval-workflow.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler(
  'NotifyClosed',
  z.object({ requestId: z.string().check(z.minLength(1)), outcome: z.enum(['Rejected', 'Expired', 'Withdrawn']) }),
  ({ requestId, outcome }) => notifyClosed(requestId, outcome.toLowerCase() as 'rejected' | 'expired' | 'withdrawn'),
);
