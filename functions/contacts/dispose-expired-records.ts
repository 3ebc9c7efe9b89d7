/**
 * Scheduled job (shared/schedules.ts `contactDisposal`): disposes of expired contact records that
 * no hold protects (CT-06). EventBridge Scheduler passes the time the schedule fired as `time`;
 * the run disposes as of that moment, never later than the clock (shared/domain/retention.ts).
 */
import * as z from 'zod/mini';
import { disposalTime } from '../../shared/domain/retention.ts';
import { disposeExpiredRecords } from '../../shared/services/disposal.ts';
import { taskHandler } from '../../shared/task-handler.ts';

/** Time kept back for the last record's transaction and the run's audit entry. */
const reserveMs = 3_000;
const scheduledEvent = z.object({ scheduleName: z.optional(z.string()), time: z.optional(z.string()) });

export const handler = taskHandler(
  'DisposeExpiredRecords',
  z.pipe(
    z.optional(z.nullable(scheduledEvent)),
    z.transform((event) => event ?? {}),
  ),
  ({ scheduleName, time }, context) =>
    disposeExpiredRecords({
      asOf: disposalTime(time, new Date()),
      job: scheduleName ?? 'contactDisposal',
      hasTime: () => context.getRemainingTimeInMillis() > reserveMs,
    }),
);
