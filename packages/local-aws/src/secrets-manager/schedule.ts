/**
 * Rotation schedules: RotateSecret's checks on RotationRules, and the NextRotationDate the service
 * reports, which is the last second of the next rotation window (rotation happens "on or before"
 * it). Windows open at midnight UTC for day intervals and at the cron hour otherwise; without a
 * Duration they close at the end of the day, or after an hour for schedules in hours.
 */
import { nextCronStart, parseCron, type CronSchedule } from './cron.ts';
import { invalidParameter } from './errors.ts';
import type { RotationRules } from './model.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

type Plan = { kind: 'days'; days: number } | { kind: 'hours'; hours: number } | { kind: 'cron'; cron: CronSchedule };

/** Refuses rules the service refuses: both or neither of the two schedules, bad expressions, windows that overrun. */
export function checkRotationRules(rules: RotationRules, now: number): void {
  const plan = planOf(rules);
  const window = windowHours(plan, rules.Duration);
  if (plan.kind === 'days' && window > 24) throw overrun();
  if (plan.kind === 'hours' && window > plan.hours) throw overrun();
  if (plan.kind === 'cron') {
    const hours = [...plan.cron.hours].sort((a, b) => a - b);
    const last = hours.at(-1) ?? 0;
    const gaps = hours.map((hour, index) => (hours[index + 1] ?? 24 + (hours[0] ?? 0)) - hour);
    if (last + Math.min(window, 24) > 24 || window > Math.min(...gaps)) throw overrun();
    if (nextCronStart(plan.cron, now) === undefined)
      throw invalidParameter('The ScheduleExpression never matches a date.');
  }
}

/** NextRotationDate for a schedule counted from `fromMs` (the last rotation, or now). */
export function nextRotationDate(rules: RotationRules, fromMs: number): number {
  const plan = planOf(rules);
  const midnight = Math.floor(fromMs / DAY_MS) * DAY_MS;
  let start: number;
  if (plan.kind === 'days') {
    start = midnight + plan.days * DAY_MS;
  } else if (plan.kind === 'hours') {
    const interval = plan.hours * HOUR_MS;
    start = midnight + (Math.floor((fromMs - midnight) / interval) + 1) * interval;
  } else {
    start = nextCronStart(plan.cron, fromMs) ?? fromMs;
  }
  return start + windowHours(plan, rules.Duration, start) * HOUR_MS - 1000;
}

function planOf(rules: RotationRules): Plan {
  const { AutomaticallyAfterDays: days, ScheduleExpression: expression } = rules;
  if (days !== undefined && expression !== undefined) {
    throw invalidParameter('You cannot specify both rotation frequency and schedule expression together.');
  }
  if (days !== undefined) return { kind: 'days', days };
  if (expression === undefined) {
    throw invalidParameter('RotationRules must specify either AutomaticallyAfterDays or ScheduleExpression.');
  }
  const rate = /^rate\((\d+) (hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const value = Number(rate[1]);
    if (rate[2]?.startsWith('hour')) {
      if (value < 4 || value > 23)
        throw invalidParameter(`Invalid ScheduleExpression ${expression}: a rate in hours must be 4 to 23 hours.`);
      return { kind: 'hours', hours: value };
    }
    if (value < 1 || value > 999)
      throw invalidParameter(`Invalid ScheduleExpression ${expression}: a rate in days must be 1 to 999 days.`);
    return { kind: 'days', days: value };
  }
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  if (cron) return { kind: 'cron', cron: parseCron(cron[1] ?? '') };
  throw invalidParameter(`Invalid ScheduleExpression ${expression}: use rate(...) or cron(...).`);
}

/** The window's length in hours; `start` lets a daily cron window run to the end of its day. */
function windowHours(plan: Plan, duration: string | undefined, start?: number): number {
  if (duration !== undefined) {
    const hours = Number(duration.slice(0, -1));
    if (!(hours >= 1 && hours <= 24))
      throw invalidParameter(`Invalid Duration ${duration}: a rotation window is 1h to 24h.`);
    return hours;
  }
  if (plan.kind === 'days') return 24;
  if (plan.kind === 'hours' || plan.cron.hours.size > 1) return 1;
  const startHour = start === undefined ? Math.min(...plan.cron.hours) : new Date(start).getUTCHours();
  return 24 - startHour;
}

const overrun = () =>
  invalidParameter('The rotation window must not extend into the next UTC day or into the next rotation window.');
