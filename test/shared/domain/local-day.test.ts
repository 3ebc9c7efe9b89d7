/** Issue 19.4: "by end of day" and "from that day on" are counted in the agency's zone, DST included. */
import { describe, expect, it } from 'vitest';
import { endOfDay, isTimeZone, offsetMinutes, startOfDay } from '../../../shared/domain/local-day.ts';

describe('offsetMinutes', () => {
  it("follows the zone's DST rules", () => {
    expect(offsetMinutes('America/New_York', Date.parse('2026-03-08T06:59:59Z'))).toBe(-300);
    expect(offsetMinutes('America/New_York', Date.parse('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(offsetMinutes('America/Chicago', Date.parse('2026-07-01T12:00:00Z'))).toBe(-300);
    expect(offsetMinutes('UTC', Date.now())).toBe(0);
  });
});

describe('endOfDay', () => {
  it('ends a winter day at 23:59:59.999 local time', () => {
    expect(endOfDay('2026-12-17', 'America/Chicago').toISOString()).toBe('2026-12-18T05:59:59.999Z');
    expect(endOfDay('2026-12-17', 'America/New_York').toISOString()).toBe('2026-12-18T04:59:59.999Z');
  });

  it('ends the days on which DST starts and ends at local midnight too', () => {
    // 8 March 2026 starts in EST (UTC-5) and ends in EDT (UTC-4).
    expect(endOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T03:59:59.999Z');
    expect(endOfDay('2026-03-07', 'America/New_York').toISOString()).toBe('2026-03-08T04:59:59.999Z');
    // 1 November 2026 starts in CDT (UTC-5) and ends in CST (UTC-6): a 25-hour day.
    expect(endOfDay('2026-11-01', 'America/Chicago').toISOString()).toBe('2026-11-02T05:59:59.999Z');
    expect(endOfDay('2026-10-31', 'America/Chicago').toISOString()).toBe('2026-11-01T04:59:59.999Z');
  });

  it('rolls over months and years', () => {
    expect(endOfDay('2026-12-31', 'America/New_York').toISOString()).toBe('2027-01-01T04:59:59.999Z');
  });

  it('refuses what is not a day', () => {
    expect(() => endOfDay('2026-13-40', 'America/New_York')).toThrow(RangeError);
  });
});

describe('startOfDay', () => {
  it('starts the day at local midnight on either side of DST', () => {
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfDay('2026-11-02', 'America/Chicago').toISOString()).toBe('2026-11-02T06:00:00.000Z');
  });
});

describe('isTimeZone', () => {
  it('knows IANA zones and refuses typos', () => {
    expect(isTimeZone('America/Chicago')).toBe(true);
    expect(isTimeZone('America/Chicgo')).toBe(false);
  });
});
