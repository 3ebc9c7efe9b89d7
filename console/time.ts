/**
 * Times on the console (issue 19.4): in the signed-in person's region's zone (GET /me's `timeZone`), the
 * zone named, through the same module the emails and pages use, so the browser's own zone and locale
 * never decide what a deadline says.
 */
import { endOfDay, instantOf } from '../shared/domain/local-day.ts';
import { humanDay, humanTime } from '../shared/views/human-time.ts';

let zone = 'UTC';

/** Set once from GET /me before the first page renders. */
export const setTimeZone = (timeZone: string): void => {
  zone = timeZone;
};

/** A moment: "Thursday, December 17, 2026 at 10:58 AM CST". */
export const when = (iso: string): string => humanTime(iso, zone);

/** A day: "December 17, 2026". */
export const day = (iso: string): string => humanDay(iso, zone);

/** The last moment of a date field's day (YYYY-MM-DD) in the agency's zone: access "until" that day ends. */
export const untilEndOf = (date: string): string => endOfDay(date, zone).toISOString();

/** A form's `datetime-local` value (YYYY-MM-DDTHH:MM) as the agency's wall clock means it, not the browser's. */
export const atLocal = (value: string): string => {
  const [date, time] = value.split('T') as [string, string];
  return instantOf(date, time.length === 5 ? `${time}:00` : time, zone).toISOString();
};

/** A form's date at a given hour of the agency's day ("17:00": the end of a working day). */
export const atHourOf = (date: string, time: string): string => instantOf(date, time, zone).toISOString();

/** The zone's short name for labels ("CST"), from Intl like every other time. */
export const zoneName = (): string =>
  new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(new Date())
    .find((part) => part.type === 'timeZoneName')!.value;
