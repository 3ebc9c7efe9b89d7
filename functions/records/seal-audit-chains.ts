/**
 * Scheduled job (shared/schedules.ts `auditSeal`): seals each audit chain's head into a digest signed
 * with the KMS key (issue 21.2), daily and on demand.
 */
import * as z from 'zod/mini';
import { sealAuditChains } from '../../shared/services/audit-seal.ts';
import { taskHandler } from '../../shared/task-handler.ts';

const scheduledEvent = z.object({ scheduleName: z.optional(z.string()), time: z.optional(z.string()) });

export const handler = taskHandler(
  'SealAuditChains',
  z.pipe(
    z.optional(z.nullable(scheduledEvent)),
    z.transform((event) => event ?? {}),
  ),
  () => sealAuditChains(),
);
