/**
 * Whether mail reaches a person (issue 19.1): a permanent bounce, a complaint or a reject marks the
 * person's record with the address that failed, and new decisions go to someone else while that
 * address stays theirs. A new address is not known to fail, so the mark ends with the old address.
 */
import type { Feedback } from './mail-feedback.ts';

/** The mark a person's record carries while mail to their address does not arrive. */
export interface MailUnreachable {
  /** When SES first reported the address unreachable. */
  since: string;
  kind: 'bounce' | 'complaint' | 'reject';
  /** The latest report's bounce type and subtype, complaint type or reject reason. */
  type: string;
  feedbackId: string;
  /** The address that failed: the mark holds only while the person keeps it. */
  email: string;
}

/** What the record keeps of mail to the person: the latest feedback, and the mark. */
export interface MailState {
  mailFeedback?: unknown;
  mailUnreachable?: MailUnreachable;
}

/**
 * Whether the feedback says the address will not take our mail again: a soft bounce (SES gave up on
 * one message) or an undetermined one may clear by itself and a delay is only watched, so they do not.
 */
export function marksUnreachable(feedback: Pick<Feedback, 'kind' | 'type' | 'unreachable'>): boolean {
  if (!feedback.unreachable) return false;
  return feedback.kind !== 'bounce' || feedback.type.startsWith('Permanent/');
}

/** The mark to record for `email`; an earlier mark of the same address keeps its start. */
export function unreachableMark(
  feedback: { kind: MailUnreachable['kind']; type: string; at: string; feedbackId: string },
  email: string,
  earlier: MailUnreachable | undefined,
): MailUnreachable {
  const same = earlier !== undefined && sameAddress(earlier.email, email);
  return {
    since: same ? earlier.since : feedback.at,
    kind: feedback.kind,
    type: feedback.type,
    feedbackId: feedback.feedbackId,
    email: same ? earlier.email : email,
  };
}

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether mail to the person's current address is known not to arrive. */
export const isUnreachable = (person: { email: string; mailUnreachable?: MailUnreachable | undefined }): boolean =>
  person.mailUnreachable !== undefined && sameAddress(person.mailUnreachable.email, person.email);

/**
 * What a rewrite of the person (SCIM, the directory import) keeps of their mail state: the latest
 * feedback always (it is history), the mark only while the address stays; `cleared` is the mark a new
 * address ended, for the audit trail.
 */
export function mailStateKept(
  previous: (MailState & { email?: string | undefined }) | undefined,
  email: string,
): { kept: MailState; cleared?: MailUnreachable } {
  if (!previous) return { kept: {} };
  const { mailFeedback, mailUnreachable } = previous;
  const feedback = mailFeedback === undefined ? {} : { mailFeedback };
  if (!mailUnreachable) return { kept: feedback };
  if (sameAddress(mailUnreachable.email, email)) return { kept: { ...feedback, mailUnreachable } };
  return { kept: feedback, cleared: mailUnreachable };
}

/**
 * The holder a new decision goes to: the first whose mail arrives, else the first (flagged), so a
 * decision is never dropped for want of a reachable holder; operations hear of the flagged case.
 */
export function pickDecider<T extends { unreachable: boolean }>(
  holders: readonly T[],
): {
  chosen?: T;
  unreachable: boolean;
} {
  const chosen = holders.find((h) => !h.unreachable) ?? holders[0];
  return chosen ? { chosen, unreachable: chosen.unreachable } : { unreachable: false };
}

/** Everyone a decision is broadcast to: the reachable, else all of them (flagged), never none. */
export function pickDeciders<T extends { unreachable: boolean }>(
  holders: readonly T[],
): {
  chosen: T[];
  unreachable: T[];
} {
  const reachable = holders.filter((h) => !h.unreachable);
  return reachable.length > 0
    ? { chosen: reachable, unreachable: [] }
    : { chosen: [...holders], unreachable: [...holders] };
}
