/**
 * Scanner-safe approval links: an opaque id plus a single-use 256-bit token, stored only as a
 * hash, bound to one person and one request, expiring with the request. Opening a link (GET)
 * changes nothing, because mail scanners fetch links; only the form's POST decides.
 */
import { getLink, getRequest, putLink, recordDecision, revokeOpenLinks, closeRequest, listLinks, type AccountRequestRecord, type ApprovalLink } from '../adapters/account-requests.ts';
import { activeDelegate, getStaffMember } from '../adapters/directory.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { publicBaseUrl } from '../config.ts';
import { outcomeOf, settle, type Decision } from '../domain/approvals.ts';
import { approvalRequested } from '../domain/emails.ts';
import { hashLinkToken, linkTokenMatches, newId, newLinkToken } from '../domain/ids.ts';
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from '../errors.ts';
import { signalWorkflow } from './account-requests.ts';
import { summarize } from './request-summary.ts';

/**
 * Creates a link for `holderId` (or their delegate, who then decides on the holder's behalf) and
 * emails it. The raw token exists only in the email.
 */
export async function issueLink(request: AccountRequestRecord, slot: number, holderId: string, why: ApprovalLink['why'], now = new Date()): Promise<ApprovalLink> {
  const delegateId = await activeDelegate(holderId, now.toISOString());
  const recipientId = delegateId ?? holderId;
  const recipient = await getStaffMember(recipientId);
  if (!recipient) throw new Error(`Approver ${recipientId} is not in the directory.`);
  const token = newLinkToken();
  const link: ApprovalLink = {
    approvalId: newId('apv'),
    requestId: request.requestId,
    slot,
    role: request.approvers[slot]!.role,
    holderId: recipientId,
    ...(delegateId ? { onBehalfOf: holderId } : {}),
    tokenHash: hashLinkToken(token),
    expiresAt: request.expiresAt,
    status: 'open',
    issuedAt: now.toISOString(),
    why,
  };
  await putLink(link);
  const onBehalfOf = delegateId ? await getStaffMember(holderId) : undefined;
  await sendEmail(
    approvalRequested({
      to: recipient.email,
      approverName: recipient.name,
      ...(onBehalfOf ? { onBehalfOfName: onBehalfOf.name } : {}),
      request: await summarize(request),
      link: `${publicBaseUrl()}/approvals/${link.approvalId}?token=${token}`,
      expiresAt: request.expiresAt,
      why,
    }),
  );
  return link;
}

export interface LinkView {
  link: ApprovalLink;
  request: AccountRequestRecord;
}

/**
 * The checks both GET and POST make, in an order that leaks nothing: an unknown id is 404, a
 * token that does not match is 403 (whatever else is true), a spent link 409, an expired link or
 * request 410, a closed request 409, a link replaced by a reminder's 410.
 */
export async function openLink(approvalId: string, token: string | undefined, now = new Date()): Promise<LinkView> {
  const link = await getLink(approvalId);
  if (!link) throw new NotFoundError('This approval link does not exist.');
  if (!token || !linkTokenMatches(token, link.tokenHash)) throw new ForbiddenError('This link\'s token is not valid for this approval.', 'InvalidLinkToken');
  if (link.status === 'used') throw new ConflictError('This link has already been used to decide.', 'AlreadyDecided');
  const found = await getRequest(link.requestId);
  if (!found) throw new NotFoundError('The request behind this link no longer exists.');
  if (link.expiresAt <= now.toISOString() || found.request.status === 'expired') throw new GoneError('This approval link has expired.');
  if (found.request.status !== 'pending') throw new ConflictError(`This request is ${found.request.status}; it no longer takes decisions.`, 'RequestClosed');
  if (link.status === 'revoked') throw new GoneError('This link was replaced by a newer one; use the link in the latest email.', 'LinkReplaced');
  return { link, request: found.request };
}

/** Records the holder's decision, settles the request if this decides it, and tells the workflow. */
export async function decide(approvalId: string, token: string, decision: Decision, comment: string, now = new Date()): Promise<{ request: AccountRequestRecord; status: string }> {
  const { link } = await openLink(approvalId, token, now);
  await recordDecision(link, hashLinkToken(token), decision, comment, now.toISOString());
  // Consistent read after our commit: of concurrent deciders, the last to commit sees every decision.
  const { request, decisions } = (await getRequest(link.requestId))!;
  const settled = settle(request.rules, request.approvers.length, decisions);
  if (settled !== 'pending') {
    await closeRequest(request.requestId, settled, now.toISOString(), link.holderId);
    await revokeOpenLinks(request.requestId);
  } else {
    // Later links for the same slot (reminders, alternates) are void once the slot is decided.
    await revokeOpenLinks(request.requestId, [link.slot]);
  }
  const outcome = outcomeOf(settled === 'pending' ? 'pending' : settled, request.rules, request.approvers.length, decisions, request.askedSlots);
  await signalWorkflow(request.requestId, outcome);
  return { request, status: settled };
}

/** Open links of a request by slot, for reminders and escalation. */
export async function openLinksBySlot(requestId: string): Promise<Map<number, ApprovalLink[]>> {
  const bySlot = new Map<number, ApprovalLink[]>();
  for (const link of await listLinks(requestId)) {
    if (link.status !== 'open') continue;
    bySlot.set(link.slot, [...(bySlot.get(link.slot) ?? []), link]);
  }
  return bySlot;
}
