/**
 * The local stand-in for EventBridge Scheduler: runs every `rate(...)` schedule of
 * shared/schedules.ts on its timer, invoking the same function modules. Cron schedules only run
 * on demand locally (`npm run schedule -- <name>`).
 */
import { rateMilliseconds, schedules, type ScheduleDefinition } from '../shared/schedules.ts';
import { functionNameOf } from '../shared/workflows.ts';

/** The event EventBridge Scheduler hands a target, so functions see the same shape in both places. */
export const scheduledEvent = (name: string) => ({
  source: 'aws.scheduler',
  'detail-type': 'Scheduled Event',
  scheduleName: name,
  time: new Date().toISOString(),
});

export function startScheduler(
  invoke: (functionName: string, event: unknown) => Promise<unknown>,
  onError: (name: string, error: Error) => void,
): () => void {
  const timers = (Object.entries(schedules) as Array<[string, ScheduleDefinition]>).flatMap(([name, schedule]) => {
    const every = rateMilliseconds(schedule.expression);
    if (!every) return [];
    const timer = setInterval(
      () => invoke(functionNameOf(schedule.module), scheduledEvent(name)).catch((error: Error) => onError(name, error)),
      every,
    );
    timer.unref();
    return [timer];
  });
  return () => timers.forEach(clearInterval);
}
