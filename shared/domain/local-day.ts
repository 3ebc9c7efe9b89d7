/**
 * Days as an agency lives them (issue 19.4): "by end of day" and "from that day on" are the agency's
 * day in its own time zone, not UTC's, which ends at 6 or 7 p.m. in the United States. Only `Intl`
 * knows the zone rules (DST included), so every conversion asks it; nothing here hard-codes an offset.
 * Pure: the console and the functions share it.
 */

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone: constructing `Intl.DateTimeFormat` is the expensive part. */
const partsFormat = (timeZone: string): Intl.DateTimeFormat => {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
};

/** The wall clock of `timeZone` at `time`, as numbers. */
const wallClock = (time: number, timeZone: string) => {
  const parts: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(new Date(time))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
};

/** True when `timeZone` is an IANA zone this runtime knows: a profile's typo fails its parse, not a page. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes `timeZone` is ahead of UTC at `time` (negative in the Americas); DST is the zone's rule at that moment. */
export function offsetMinutes(timeZone: string, time: number): number {
  const w = wallClock(time, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(time / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time (HH:MM or HH:MM:SS.sss) of `day` is reached in `timeZone`: a form's date and
 * time as the agency means them. The offset is taken at the guess and again at the result, so a day on which
 * DST starts or ends still lands on the right hour.
 */
export function instantOf(day: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${checkedDay(day)}T${time}Z`);
  if (Number.isNaN(wall)) throw new RangeError(`Not a time of day: ${time}`);
  const first = wall - offsetMinutes(timeZone, wall) * 60_000;
  return new Date(wall - offsetMinutes(timeZone, first) * 60_000);
}

/** Midnight starting `day` in `timeZone`: when a hold "until" that day ends. */
export const startOfDay = (day: string, timeZone: string): Date => instantOf(day, '00:00:00.000', timeZone);

/** The last millisecond of `day` in `timeZone`: a due date "by end of day". */
export const endOfDay = (day: string, timeZone: string): Date =>
  new Date(instantOf(nextDay(day), '00:00:00.000', timeZone).getTime() - 1);

/** `day` when it is a real calendar day (YYYY-MM-DD); a 13th month or 40th day is refused, not rolled over. */
function checkedDay(day: string): string {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day)
    throw new RangeError(`Not a day: ${day}`);
  return day;
}

/** The calendar day after `day`, as YYYY-MM-DD (calendar arithmetic, no zone involved). */
function nextDay(day: string): string {
  const [year, month, date] = checkedDay(day).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}
