/** Issue 19.4: a post held until a day comes back at that day's start in the agency's zone, not at midnight UTC. */
import { describe, expect, it } from 'vitest';

process.env.POLICY_PROFILE ??= 'mo-dss';
const { outcomeOfStatus } = await import('../../../shared/services/post-suggestions.ts');

describe('outcomeOfStatus', () => {
  it("wakes a held suggestion at midnight in Missouri's Central time", () => {
    expect(outcomeOfStatus('held', '2027-01-20')).toEqual({ outcome: 'held', holdUntil: '2027-01-20T06:00:00.000Z' });
    expect(outcomeOfStatus('held', '2027-07-04')).toEqual({ outcome: 'held', holdUntil: '2027-07-04T05:00:00.000Z' });
  });

  it('counts the day DST starts from its own midnight, still standard time', () => {
    // 14 March 2027: clocks go forward at 2 AM, so its midnight is 00:00 CST.
    expect(outcomeOfStatus('held', '2027-03-14')?.holdUntil).toBe('2027-03-14T06:00:00.000Z');
  });

  it('gives other outcomes no date', () => {
    expect(outcomeOfStatus('approved')).toEqual({ outcome: 'approved' });
  });
});
