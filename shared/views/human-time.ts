/**
 * How emails, server-rendered pages and the console write a moment (issue 19.4): in the agency's (or
 * the region's) time zone, in US order, with the zone named so a reader in another zone cannot misread
 * it. `Intl` does all of it; the one module every view imports, so a deadline reads the same everywhere.
 * Pure: the console bundles it too.
 */

const momentFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

const cached = (cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions) => {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    cache.set(timeZone, format);
  }
  return format;
};

/** A moment as people read it: "Thursday, December 17, 2026 at 10:58 AM CST" in America/Chicago. */
export const humanTime = (iso: string | Date, timeZone: string): string =>
  cached(momentFormats, timeZone, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));

/** A day without its hour, for dates people think of as days (a departure, an end of access): "December 17, 2026". */
export const humanDay = (iso: string | Date, timeZone: string): string =>
  cached(dayFormats, timeZone, { month: 'long', day: 'numeric', year: 'numeric' }).format(new Date(iso));

/** A calendar date (YYYY-MM-DD, no time, so no zone shifts it) in US words: "May 1, 2027". */
export const humanDate = (date: string): string => humanDay(`${date}T00:00:00.000Z`, 'UTC');
