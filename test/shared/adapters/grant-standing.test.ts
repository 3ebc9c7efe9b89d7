import { describe, expect, it } from 'vitest';
import { holdsPlace, isActive, isAwaitingApproval, type Grant } from '../../../shared/adapters/grants.ts';

const at = '2026-11-20T12:00:00.000Z';
const base: Grant = {
  accountId: 'acc_1',
  staffId: 'stf-staff',
  office: 'sevier',
  grantedBy: 'stf-office-manager',
  grantedAt: '2026-11-19T12:00:00.000Z',
};
const pending = (decideBy: string): Grant => ({ ...base, status: 'pending', requestId: 'grq_1', decideBy });

describe('grant standing (issue 17.1)', () => {
  it('a grant waiting for its approvers is not in force, but takes its place in the office (NJ-02)', () => {
    const waiting = pending('2026-12-04T12:00:00.000Z');
    expect(isActive(waiting, at)).toBe(false);
    expect(isAwaitingApproval(waiting, at)).toBe(true);
    expect(holdsPlace(waiting, at)).toBe(true);
  });

  it('a request undecided by its deadline has lapsed by itself and counts for nothing', () => {
    const lapsed = pending('2026-11-20T11:59:59.999Z');
    expect(isActive(lapsed, at)).toBe(false);
    expect(isAwaitingApproval(lapsed, at)).toBe(false);
    expect(holdsPlace(lapsed, at)).toBe(false);
  });

  it('limited access ends by itself at its stated end (NJ-09); open-ended access stays in force', () => {
    expect(isActive({ ...base, expiresAt: '2026-11-20T12:00:00.001Z' }, at)).toBe(true);
    const ended = { ...base, expiresAt: at };
    expect(isActive(ended, at)).toBe(false);
    expect(holdsPlace(ended, at)).toBe(false);
    expect(isActive(base, at)).toBe(true);
  });
});
