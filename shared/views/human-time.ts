/** How emails and pages write a moment, so every message reads a deadline the same way. */

const dateFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A moment as people read it in emails and pages: "Saturday 5 December 2026, 07:22 UTC". */
export const humanTime = (iso: string): string => {
  const day = dateFormat.format(new Date(iso)).replace(/^(\w+), (\w+) (\d+), (\d+)$/, '$1 $3 $2 $4');
  return `${day}, ${new Date(iso).toISOString().slice(11, 16)} UTC`;
};
