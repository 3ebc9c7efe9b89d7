/**
 * Scheduled job (shared/schedules.ts `operationsMetrics`, every 5 minutes): publishes the
 * operations gauges as one embedded-metric record, as of the time the schedule fired.
 */
import * as z from 'zod/mini';
import { publishOperationsMetrics } from '../../shared/services/operations.ts';
import { taskHandler } from '../../shared/task-handler.ts';

const scheduledEvent = z.looseObject({ time: z.optional(z.iso.datetime({ offset: true })) });

export const handler = taskHandler('PublishOperationsMetrics', scheduledEvent, ({ time }) => {
  // Never later than the clock: a late or replayed event must not count the future as past.
  const asOf = new Date(Math.min(time ? Date.parse(time) : Date.now(), Date.now()));
  return publishOperationsMetrics(asOf);
});
