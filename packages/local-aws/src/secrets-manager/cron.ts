/**
 * The cron() form of a rotation schedule, as Secrets Manager restricts it: six fields, minutes
 * must be 0 (windows open on the hour), year must be *, and exactly one of day-of-month and
 * day-of-week is `?`. All times are UTC.
 */
import { invalidParameter } from './errors.ts';

/** When a cron() schedule opens a rotation window. */
export interface CronSchedule {
  readonly hours: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly matchesDay: (date: Date) => boolean;
}

const HOUR_MS = 60 * 60 * 1000;
const SEARCH_LIMIT_HOURS = 5 * 366 * 24;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Parses the text between `cron(` and `)`; InvalidParameterException when the service would refuse it. */
export function parseCron(body: string): CronSchedule {
  const fields = body.trim().split(/\s+/);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  if (fields.length !== 6 || !minutes || !hours || !dayOfMonth || !month || !dayOfWeek || !year) {
    throw invalid(body, 'a cron expression has six fields: minutes hours day-of-month month day-of-week year');
  }
  if (minutes !== '0') throw invalid(body, 'the minutes field must be 0, rotation windows open on the hour');
  if (year !== '*') throw invalid(body, 'the year field must be *');
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw invalid(body, 'exactly one of the day-of-month and day-of-week fields must be ?');
  }
  return {
    hours: parseField(body, hours, 0, 23),
    months: parseField(body, month, 1, 12, MONTHS),
    matchesDay: dayOfMonth === '?' ? dayOfWeekMatcher(body, dayOfWeek) : dayOfMonthMatcher(body, dayOfMonth),
  };
}

/** The first window opening strictly after `afterMs`, or undefined if the schedule never fires. */
export function nextCronStart(schedule: CronSchedule, afterMs: number): number | undefined {
  let time = Math.floor(afterMs / HOUR_MS) * HOUR_MS + HOUR_MS;
  for (let step = 0; step < SEARCH_LIMIT_HOURS; step += 1, time += HOUR_MS) {
    const date = new Date(time);
    if (
      schedule.months.has(date.getUTCMonth() + 1) &&
      schedule.hours.has(date.getUTCHours()) &&
      schedule.matchesDay(date)
    ) {
      return time;
    }
  }
  return undefined;
}

function dayOfMonthMatcher(body: string, field: string): (date: Date) => boolean {
  if (field === 'L') return (date) => date.getUTCDate() === daysInMonth(date);
  const days = parseField(body, field, 1, 31);
  return (date) => days.has(date.getUTCDate());
}

function dayOfWeekMatcher(body: string, field: string): (date: Date) => boolean {
  const weekday = (date: Date) => date.getUTCDay() + 1;
  const last = /^([1-7]|[A-Z]{3})?L$/i.exec(field);
  if (last) {
    // `L` alone is the last day of the week (Saturday); `5L` is the month's last Thursday.
    const day = last[1] ? value(body, last[1], 1, 7, WEEKDAYS) : 7;
    return (date) => weekday(date) === day && date.getUTCDate() + 7 > daysInMonth(date);
  }
  const nth = /^([1-7]|[A-Z]{3})#([1-5])$/i.exec(field);
  if (nth) {
    const day = value(body, nth[1] ?? '', 1, 7, WEEKDAYS);
    const occurrence = Number(nth[2]);
    return (date) => weekday(date) === day && Math.ceil(date.getUTCDate() / 7) === occurrence;
  }
  const days = parseField(body, field, 1, 7, WEEKDAYS);
  return (date) => days.has(weekday(date));
}

/** `*`, `a`, `a-b`, with an optional `/step`, comma-separated. */
function parseField(body: string, field: string, min: number, max: number, names?: readonly string[]): Set<number> {
  const result = new Set<number>();
  for (const item of field.split(',')) {
    const match = /^(\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/([0-9]+))?$/.exec(item);
    if (!match) throw invalid(body, `'${item}' is not a valid cron field value`);
    const [, range = '', stepText] = match;
    const [fromText = '', toText] = range.split('-');
    let from = min;
    let to = max;
    if (range !== '*') {
      from = value(body, fromText, min, max, names);
      // `a/step` runs from a to the field's end; a bare `a` is just a.
      to = toText !== undefined ? value(body, toText, min, max, names) : stepText !== undefined ? max : from;
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1 || to < from) throw invalid(body, `'${item}' is not a valid cron field value`);
    for (let n = from; n <= to; n += step) result.add(n);
  }
  return result;
}

function value(body: string, text: string, min: number, max: number, names?: readonly string[]): number {
  const named = names?.indexOf(text.toUpperCase()) ?? -1;
  const number = named >= 0 ? named + 1 : /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!(number >= min && number <= max)) throw invalid(body, `'${text}' is outside ${min}-${max}`);
  return number;
}

const daysInMonth = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();

const invalid = (body: string, reason: string) =>
  invalidParameter(`Invalid ScheduleExpression cron(${body}): ${reason}.`);
