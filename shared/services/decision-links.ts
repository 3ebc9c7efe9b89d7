/**
 * Scanner-safe decision links, one mechanism for every emailed decision: an opaque id plus a
 * single-use 256-bit token, stored only as a hash, bound to one person and one subject, expiring.
 * Opening a link (GET) changes nothing, because mail scanners fetch links; only the form's POST
 * decides. What is decided, and what a decision does, belongs to the subject
 * (shared/services/decision-subjects.ts).
 */
import {
  getLink,
  listLinks,
  putLink,
  type DecisionLink,
  type DecisionSubjectKind,
} from '../adapters/decision-links.ts';
import { activeDelegate, getMailState, getStaffMember, isPresent } from '../adapters/directory.ts';
import { isUnreachable } from '../domain/mail-reach.ts';
import { sendEmail } from '../adapters/mailer.ts';
import type { Role } from '../auth/roles.ts';
import { publicBaseUrl } from '../config.ts';
import type { EmailMessage } from '../views/emails/message.ts';
import { hashLinkToken, linkTokenMatches, newId, newLinkToken } from '../domain/ids.ts';
import { leaverRefusal } from '../domain/leaver-rule.ts';
import { linkRecipient } from '../domain/link-recipient.ts';
import { refuse } from '../domain/refusal.ts';
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from '../errors.ts';
import type { StaffMember } from '../schemas/staff.ts';

export interface IssueLinkInput {
  subject: DecisionLink['subject'];
  slot: number;
  role: Role;
  /** Who is asked; an active delegation sends the link to their delegate instead, if eligible. */
  holderId: string;
  /** Roles a delegate must hold one of to decide this step (issue 16.3); the step's role by default. */
  delegateRoles?: readonly Role[];
  /** Who may not decide this step, even as a delegate: the requester, the holders of its other steps. */
  excluded: readonly string[];
  choices: string[];
  expiresAt: string;
  why: DecisionLink['why'];
  /** The email carrying the link; the raw token exists only in it. */
  compose: (link: string, recipient: StaffMember, onBehalfOf: StaffMember | undefined) => Promise<EmailMessage>;
}

/**
 * Creates a link for one person, or their delegate when linkRecipient allows (issue 16.3), and
 * emails it. Undefined when neither may decide any more (the approver left or became a requester):
 * the step then waits for escalation's alternate.
 */
export async function issueLink(input: IssueLinkInput, now = new Date()): Promise<DecisionLink | undefined> {
  const delegated = await activeDelegate(input.holderId, now.toISOString());
  const [approver, delegate] = await Promise.all([
    getStaffMember(input.holderId),
    delegated ? getStaffMember(delegated) : undefined,
  ]);
  if (!approver) throw new Error(`Decision link holder ${input.holderId} is not in the directory.`);
  // Whether mail arrives matters only to choose between the two (issue 19.1).
  const [approverMail, delegateMail] = delegate
    ? await Promise.all([getMailState(approver.staffId), getMailState(delegate.staffId)])
    : [undefined, undefined];
  const reach = (person: StaffMember, mail: typeof approverMail) => ({
    ...person,
    unreachable: mail !== undefined && isUnreachable({ email: person.email, ...mail }),
  });
  const chosen = linkRecipient(reach(approver, approverMail), delegate && reach(delegate, delegateMail), {
    roles: input.delegateRoles ?? [input.role],
    excluded: input.excluded,
  });
  if (!chosen) return undefined;
  const delegateId = chosen.onBehalfOf ? chosen.recipient : undefined;
  const recipient = delegateId ? delegate! : approver;
  const token = newLinkToken();
  const link: DecisionLink = {
    approvalId: newId('apv'),
    subject: input.subject,
    slot: input.slot,
    role: input.role,
    holderId: recipient.staffId,
    ...(delegateId ? { onBehalfOf: input.holderId } : {}),
    choices: input.choices,
    tokenHash: hashLinkToken(token),
    expiresAt: input.expiresAt,
    status: 'open',
    issuedAt: now.toISOString(),
    why: input.why,
  };
  await putLink(link);
  const onBehalfOf = delegateId ? approver : undefined;
  await sendEmail(
    await input.compose(`${publicBaseUrl()}/approvals/${link.approvalId}?token=${token}`, recipient, onBehalfOf),
  );
  return link;
}

/** Whether a subject still takes decisions: `expired` closes links with 410, anything else 409. */
/** The fields of a decision page's form, as every kind of subject reads them. */
export interface DecisionForm {
  decision: string;
  comment: string;
  holdUntil?: string;
}

export type SubjectState = { open: true } | { open: false; status: string; expired?: boolean };

/**
 * The checks both GET and POST make, in an order that leaks nothing: an unknown id is 404, a token
 * that does not match is 403 (whatever else is true), a spent link 409, an expired link or subject
 * 410, a closed subject 409, a link replaced (or voided by a departure) 410, and a link of a person
 * who has left 403 TN-10.
 */
export async function openLink(
  approvalId: string,
  token: string | undefined,
  subjectState: (link: DecisionLink) => Promise<SubjectState>,
  now = new Date(),
): Promise<DecisionLink> {
  const link = await getLink(approvalId);
  if (!link) throw new NotFoundError('This decision link does not exist.');
  if (!token || !linkTokenMatches(token, link.tokenHash))
    throw new ForbiddenError("This link's token is not valid for this decision.", undefined, 'InvalidLinkToken');
  if (link.status === 'used') throw new ConflictError('This link has already been used to decide.', 'AlreadyDecided');
  const state = await subjectState(link);
  if (link.expiresAt <= now.toISOString() || (!state.open && state.expired))
    throw new GoneError('This link has expired.');
  if (!state.open) throw new ConflictError(`This is ${state.status}; it no longer takes decisions.`, 'RequestClosed');
  if (link.status === 'revoked')
    throw new GoneError('This link was replaced by a newer one; use the link in the latest email.', 'LinkReplaced');
  // Last, so that a link the departure voided still says so (410); one it could not find is 403 here.
  await requirePresentHolder(link);
  return link;
}

/**
 * TN-10, issue 16.2: the link route carries no staff token, so the directory decides here whether its
 * holder (and whoever they decide for) is still with the agency. A departure voids a leaver's links
 * through the holder index; this also refuses links issued before that index, or on their behalf.
 */
async function requirePresentHolder(link: DecisionLink): Promise<void> {
  for (const staffId of [link.holderId, ...(link.onBehalfOf ? [link.onBehalfOf] : [])]) {
    const person = await getStaffMember(staffId);
    refuse(leaverRefusal({ of: 'link-holder', present: Boolean(person && isPresent(person)) }));
  }
}

/** Open links of a subject by slot, for reminders and escalation. */
export async function openLinksBySlot(kind: DecisionSubjectKind, id: string): Promise<Map<number, DecisionLink[]>> {
  const bySlot = new Map<number, DecisionLink[]>();
  for (const link of await listLinks(kind, id)) {
    if (link.status !== 'open') continue;
    bySlot.set(link.slot, [...(bySlot.get(link.slot) ?? []), link]);
  }
  return bySlot;
}
