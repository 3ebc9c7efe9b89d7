/** Issue 19.4: times in the agency's zone, in US order, the zone named, DST from the zone's own rules. */
import { describe, expect, it } from 'vitest';
import { humanDate, humanDay, humanTime } from '../../../shared/views/human-time.ts';

describe('humanTime', () => {
  it('writes a moment in US order in the given zone, naming the zone', () => {
    expect(humanTime('2026-12-17T16:58:00.000Z', 'America/Chicago')).toBe(
      'Thursday, December 17, 2026 at 10:58 AM CST',
    );
    expect(humanTime('2026-12-17T16:58:00.000Z', 'America/New_York')).toBe(
      'Thursday, December 17, 2026 at 11:58 AM EST',
    );
  });

  it('follows daylight saving time across the March boundary (2 AM EST becomes 3 AM EDT)', () => {
    expect(humanTime('2026-03-08T06:59:00.000Z', 'America/New_York')).toBe('Sunday, March 8, 2026 at 1:59 AM EST');
    expect(humanTime('2026-03-08T07:00:00.000Z', 'America/New_York')).toBe('Sunday, March 8, 2026 at 3:00 AM EDT');
  });

  it('follows daylight saving time across the November boundary (1 AM happens twice)', () => {
    expect(humanTime('2026-11-01T06:30:00.000Z', 'America/Chicago')).toBe('Sunday, November 1, 2026 at 1:30 AM CDT');
    expect(humanTime('2026-11-01T07:30:00.000Z', 'America/Chicago')).toBe('Sunday, November 1, 2026 at 1:30 AM CST');
  });
});

describe('humanDay', () => {
  it("gives the agency's day, which is the day before UTC's in the evening", () => {
    expect(humanDay('2026-12-18T03:00:00.000Z', 'America/Chicago')).toBe('December 17, 2026');
    expect(humanDay('2026-12-18T03:00:00.000Z', 'UTC')).toBe('December 18, 2026');
  });
});

describe('humanDate', () => {
  it('writes a calendar date in US words, the same day whatever the zone', () => {
    expect(humanDate('2027-05-01')).toBe('May 1, 2027');
  });
});
