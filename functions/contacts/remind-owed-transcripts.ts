/**
 * Scheduled job (shared/schedules.ts `transcriptReminders`): reminds supervisors of the transcripts
 * their workers' contact records still owe (TN-12). EventBridge Scheduler passes the time it fired.
 */
import * as z from 'zod/mini';
import { remindOwedTranscripts } from '../../shared/services/transcripts.ts';
import { taskHandler } from '../../shared/task-handler.ts';

const scheduledEvent = z.object({ scheduleName: z.optional(z.string()), time: z.optional(z.string()) });

export const handler = taskHandler(
  'RemindOwedTranscripts',
  z.pipe(
    z.optional(z.nullable(scheduledEvent)),
    z.transform((event) => event ?? {}),
  ),
  // Never later than the clock: a schedule's time from the future reminds of nothing not yet due.
  ({ time }) => remindOwedTranscripts(new Date(Math.min(Date.parse(time ?? '') || Date.now(), Date.now()))),
);
