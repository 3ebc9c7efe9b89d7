import { describe, expect, it } from 'vitest';
import {
  isUnreachable,
  mailStateKept,
  marksUnreachable,
  pickDecider,
  pickDeciders,
  unreachableMark,
} from '../../../shared/domain/mail-reach.ts';

const mark = {
  since: '2027-01-01T00:00:00.000Z',
  kind: 'bounce',
  type: 'Permanent/General',
  feedbackId: 'fb-1',
  email: 'Casey@agency.example',
} as const;

describe('marksUnreachable (issue 19.1)', () => {
  it('marks a permanent bounce, a complaint and a reject', () => {
    expect(marksUnreachable({ kind: 'bounce', type: 'Permanent/General', unreachable: true })).toBe(true);
    expect(marksUnreachable({ kind: 'bounce', type: 'Permanent/Suppressed', unreachable: true })).toBe(true);
    expect(marksUnreachable({ kind: 'complaint', type: 'abuse', unreachable: true })).toBe(true);
    expect(marksUnreachable({ kind: 'reject', type: 'Bad content', unreachable: true })).toBe(true);
  });

  it('never marks a transient or undetermined bounce, nor a delay: the mailbox may work tomorrow', () => {
    expect(marksUnreachable({ kind: 'bounce', type: 'Transient/MailboxFull', unreachable: true })).toBe(false);
    expect(marksUnreachable({ kind: 'bounce', type: 'Undetermined/Undetermined', unreachable: true })).toBe(false);
    expect(marksUnreachable({ kind: 'delay', type: 'TransientCommunicationFailure', unreachable: false })).toBe(false);
  });
});

describe('unreachableMark', () => {
  it('keeps the first report for the same address, whatever came since', () => {
    const later = unreachableMark(
      { kind: 'complaint', type: 'abuse', at: '2027-02-01T00:00:00.000Z', feedbackId: 'fb-2' },
      'casey@agency.example',
      mark,
    );
    expect(later).toEqual({ ...mark, kind: 'complaint', type: 'abuse', feedbackId: 'fb-2' });
  });

  it('starts afresh for another address', () => {
    const fresh = unreachableMark(
      { kind: 'reject', type: 'Bad content', at: '2027-02-01T00:00:00.000Z', feedbackId: 'fb-3' },
      'new@agency.example',
      mark,
    );
    expect(fresh).toEqual({
      since: '2027-02-01T00:00:00.000Z',
      kind: 'reject',
      type: 'Bad content',
      feedbackId: 'fb-3',
      email: 'new@agency.example',
    });
  });
});

describe('isUnreachable', () => {
  it('holds only while the address is the one that failed (case-insensitive)', () => {
    expect(isUnreachable({ email: 'casey@agency.example', mailUnreachable: mark })).toBe(true);
    expect(isUnreachable({ email: 'casey.new@agency.example', mailUnreachable: mark })).toBe(false);
    expect(isUnreachable({ email: 'casey@agency.example' })).toBe(false);
  });
});

describe('mailStateKept: what a rewrite of the person keeps', () => {
  const feedback = { kind: 'bounce', type: 'Permanent/General', at: mark.since, feedbackId: 'fb-1', messageId: 'm' };
  it('keeps the mark and the latest feedback while the address stays', () => {
    expect(
      mailStateKept(
        { email: 'casey@agency.example', mailFeedback: feedback, mailUnreachable: mark },
        'CASEY@agency.example',
      ),
    ).toEqual({ kept: { mailFeedback: feedback, mailUnreachable: mark } });
  });

  it('clears the mark, and says so, when the address changes; the feedback stays as history', () => {
    expect(
      mailStateKept(
        { email: 'casey@agency.example', mailFeedback: feedback, mailUnreachable: mark },
        'c2@agency.example',
      ),
    ).toEqual({ kept: { mailFeedback: feedback }, cleared: mark });
  });

  it('keeps nothing of a person never written before', () => {
    expect(mailStateKept(undefined, 'c2@agency.example')).toEqual({ kept: {} });
  });
});

describe('pickDecider: who a new decision goes to', () => {
  const a = { id: 'a', unreachable: true };
  const b = { id: 'b', unreachable: false };
  const c = { id: 'c', unreachable: true };
  it('skips a holder whose mail does not arrive when another may decide', () => {
    expect(pickDecider([a, b, c])).toEqual({ chosen: b, unreachable: false });
  });

  it('still picks the first holder, flagged, when every holder is unreachable: nothing is dropped', () => {
    expect(pickDecider([a, c])).toEqual({ chosen: a, unreachable: true });
  });

  it('picks nobody when there is nobody', () => {
    expect(pickDecider([])).toEqual({ unreachable: false });
  });
});

describe('pickDeciders: everyone a decision is broadcast to', () => {
  const a = { id: 'a', unreachable: true };
  const b = { id: 'b', unreachable: false };
  it('leaves out the unreachable while someone reachable is asked', () => {
    expect(pickDeciders([a, b])).toEqual({ chosen: [b], unreachable: [] });
  });

  it('asks them all, flagged, when nobody is reachable', () => {
    expect(pickDeciders([a])).toEqual({ chosen: [a], unreachable: [a] });
  });
});
