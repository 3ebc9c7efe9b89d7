/** Scheduled job: send the dead-lettered mail once SES is back. */
import * as z from 'zod/mini';
import { redeliverMail } from '../../shared/services/mail-redelivery.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler('RedeliverMail', z.looseObject({}), () => redeliverMail());
