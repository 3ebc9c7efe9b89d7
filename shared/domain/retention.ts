/**
 * CT-06 retention arithmetic: when a record may be disposed of, and which day's disposal bucket
 * lists it. Pure, so the boundary (a millisecond before or after retainUntil) is unit-tested here
 * and the disposal job only has to Query the buckets of the days it has not yet swept.
 */
const dayMs = 86_400_000;

/** The schedule a record is kept under: the profile in force and its retention in days. */
export interface RetentionSchedule {
  profile: string;
  days: number;
}

/** Retention counts from the contact itself, so a record posted late is not kept longer for it. */
export const retainUntilOf = (occurredAt: string, schedule: RetentionSchedule): string =>
  new Date(Date.parse(occurredAt) + schedule.days * dayMs).toISOString();

/** A record is disposable only strictly after its retainUntil. */
export const isExpired = (retainUntil: string, asOf: string): boolean => retainUntil < asOf;

/**
 * The UTC day whose bucket lists the record: its retainUntil's, but never a day before it was
 * recorded. The job never sweeps a day before its watermark, and the watermark never passes
 * today, so a backfilled record that is already past retention still lands in a bucket it reads.
 */
export const bucketDayOf = (retainUntil: string, recordedAt: string): string =>
  (retainUntil > recordedAt ? retainUntil : recordedAt).slice(0, 10);

/** Each UTC day from `from` to `to` inclusive, as YYYY-MM-DD. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00.000Z`); t <= Date.parse(`${to}T00:00:00.000Z`); t += dayMs)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** `day` moved by `n` days. */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + n * dayMs).toISOString().slice(0, 10);

/**
 * The moment a run disposes as of: the time its schedule fired (EventBridge Scheduler's
 * `<aws.scheduler.scheduled-time>`), so a retried invocation decides exactly as the first did, but
 * never later than the clock: a forged or skewed future time cannot dispose of anything early.
 */
export function disposalTime(scheduledTime: string | undefined, now: Date): string {
  const clock = now.toISOString();
  if (scheduledTime === undefined || Number.isNaN(Date.parse(scheduledTime))) return clock;
  const scheduled = new Date(scheduledTime).toISOString();
  // biome-ignore lint/complexity/useMathMinMax: ISO 8601 strings, compared as text; Math.min would coerce them to NaN.
  return scheduled < clock ? scheduled : clock;
}

/** The records besides contacts that CT-06 keeps on a schedule and a hold can keep longer. */
export type RecordKind = 'incident' | 'post-suggestion' | 'account-request' | 'audit-entry';

/**
 * What a retained record carries (attribute `retention`), so the disposal job decides without
 * reading it: when it may go, under which schedule, and the subjects (`ACCOUNT#…`, `CASE#…`,
 * `REQUEST#…`, `SUGGESTION#…`) a hold on any of which keeps it.
 */
export interface RecordRetention {
  kind: RecordKind;
  id: string;
  retainUntil: string;
  schedule: RetentionSchedule;
  holdKeys: string[];
}

/**
 * The retention attribute and disposal-bucket index keys of a record dated `at` and written at
 * `recordedAt` (CT-06): the same buckets as contact records, in the record's own table.
 */
export function retentionAttributes(
  record: { kind: RecordKind; id: string; at: string; holdKeys: readonly (string | undefined)[] },
  schedule: RetentionSchedule,
  recordedAt: string,
) {
  const retainUntil = retainUntilOf(record.at, schedule);
  const retention: RecordRetention = {
    kind: record.kind,
    id: record.id,
    retainUntil,
    schedule,
    holdKeys: [...new Set(record.holdKeys.filter((key): key is string => Boolean(key)))],
  };
  return {
    retention,
    gsi4pk: `RETAIN#${bucketDayOf(retainUntil, recordedAt)}`,
    gsi4sk: `${retainUntil}#${record.kind}#${record.id}`,
  };
}
