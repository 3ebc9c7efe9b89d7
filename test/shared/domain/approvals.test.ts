import { describe, expect, it } from 'vitest';
import { dueAction, openSlots, outcomeOf, settle, type RecordedDecision } from '../../../shared/domain/approvals.ts';

const decision = (slot: number, value: 'approve' | 'reject', at = `2026-01-01T00:00:0${slot}Z`): RecordedDecision => ({
  approvalId: `apv_${slot}`,
  slot,
  role: 'communications',
  approverId: `stf-${slot}`,
  decision: value,
  comment: '',
  decidedAt: at,
});

describe('settle', () => {
  const all = { approvalOrder: 'parallel', quorum: 'all' } as const;

  it('TN-02 approves once every required approver approved', () => {
    expect(settle(all, 2, [decision(0, 'approve')])).toBe('pending');
    expect(settle(all, 2, [decision(0, 'approve'), decision(1, 'approve')])).toBe('approved');
  });

  it('rejects as soon as the quorum can no longer be reached', () => {
    expect(settle(all, 2, [decision(1, 'reject')])).toBe('rejected');
    expect(settle({ approvalOrder: 'parallel', quorum: 2 }, 3, [decision(0, 'reject')])).toBe('pending');
    expect(settle({ approvalOrder: 'parallel', quorum: 2 }, 3, [decision(0, 'reject'), decision(2, 'reject')])).toBe(
      'rejected',
    );
  });

  it('X of Y approves with X approvals', () => {
    expect(settle({ approvalOrder: 'parallel', quorum: 2 }, 3, [decision(0, 'approve'), decision(2, 'approve')])).toBe(
      'approved',
    );
  });

  it('counts only the first decision on a slot', () => {
    const late = { ...decision(0, 'reject'), decidedAt: '2026-01-02T00:00:00Z', approvalId: 'apv_late' };
    expect(settle(all, 1, [decision(0, 'approve'), late])).toBe('approved');
  });
});

describe('openSlots and outcomeOf', () => {
  const serial = { approvalOrder: 'serial', quorum: 'all' } as const;

  it('NJ-02 serial order asks the Director of IT only after the CP&P Director approved', () => {
    expect(openSlots(serial, 2, [])).toEqual([0]);
    expect(openSlots(serial, 2, [decision(0, 'approve')])).toEqual([1]);
  });

  it('advances a serial request when a round closed and the next approver was not asked', () => {
    expect(outcomeOf('pending', serial, 2, [decision(0, 'approve')], [0])).toBe('advance');
    expect(outcomeOf('pending', serial, 2, [decision(0, 'approve')], [0, 1])).toBe('pending');
  });

  it('terminal statuses win over the tally', () => {
    expect(outcomeOf('withdrawn', serial, 2, [decision(0, 'approve')], [0])).toBe('withdrawn');
  });
});

describe('dueAction', () => {
  const deadlines = {
    createdAt: '2026-01-01T00:00:00Z',
    reminderAfterHours: 48,
    escalateAfterHours: 120,
    expiresAt: '2026-01-15T00:00:00Z',
  };
  const at = (iso: string) => new Date(iso);

  it('reminds, then escalates once, then expires', () => {
    expect(dueAction(deadlines, at('2026-01-02T00:00:00Z'), { escalated: false })).toBe('none');
    expect(dueAction(deadlines, at('2026-01-03T00:00:00Z'), { escalated: false })).toBe('remind');
    expect(dueAction(deadlines, at('2026-01-06T00:00:00Z'), { escalated: false })).toBe('escalate');
    expect(
      dueAction(deadlines, at('2026-01-06T00:00:00Z'), { escalated: true, lastReminderAt: '2026-01-05T12:00:00Z' }),
    ).toBe('none');
    expect(dueAction(deadlines, at('2026-01-15T00:00:00Z'), { escalated: true })).toBe('expire');
  });
});
