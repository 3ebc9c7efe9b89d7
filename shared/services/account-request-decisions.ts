/**
 * Account approvals as decision-link subjects (TN-02, DC-01, NJ-02, CT-07): who is asked, what
 * the page shows, and what a decision does: record it, settle the request when the quorum is
 * reached or can no longer be, and tell the workflow.
 */
import { closeRequest, getRequest, recordDecision, type AccountRequestRecord } from '../adapters/account-requests.ts';
import { revokeOpenLinks, type DecisionLink } from '../adapters/decision-links.ts';
import { getStaffMember } from '../adapters/directory.ts';
import { outcomeOf, settle, type Decision } from '../domain/approvals.ts';
import { decisionPage, decisionResultPage } from '../views/decision-pages.ts';
import { approvalRequested } from '../views/emails/approvals.ts';
import { humanTime } from '../views/human-time.ts';
import { regionTimeZone } from '../policy/time-zone.ts';
import { hashLinkToken } from '../domain/ids.ts';
import { countMetric } from '../telemetry.ts';
import { signalWorkflow } from './account-requests.ts';
import { issueLink, type SubjectState } from './decision-links.ts';
import { summarize } from './request-summary.ts';

/**
 * Emails `holderId` (or their eligible delegate) a link to decide slot `slot` of the request. Nobody
 * who filed the request or holds another of its steps decides this one, even by delegation (issue
 * 16.3): the two-person rule counts people, not links.
 */
export async function askApprover(
  request: AccountRequestRecord,
  slot: number,
  holderId: string,
  why: 'request' | 'reminder' | 'escalation',
  now = new Date(),
): Promise<DecisionLink | undefined> {
  const { decisions } = (await getRequest(request.requestId)) ?? { decisions: [] };
  const excluded = [
    request.requesterId,
    ...request.approvers.filter((_, index) => index !== slot).map((s) => s.staffId),
    ...decisions.filter((d) => d.slot !== slot).flatMap((d) => [d.approverId, ...(d.onBehalfOf ? [d.onBehalfOf] : [])]),
  ];
  const summary = await summarize(request);
  return issueLink(
    {
      subject: { kind: 'account-request', id: request.requestId },
      slot,
      role: request.approvers[slot]!.role,
      holderId,
      excluded,
      choices: ['approve', 'reject'],
      expiresAt: request.expiresAt,
      why,
      compose: async (link, recipient, onBehalfOf) =>
        approvalRequested({
          to: recipient.email,
          approverName: recipient.name,
          ...(onBehalfOf ? { onBehalfOfName: onBehalfOf.name } : {}),
          request: summary,
          link,
          expiresAt: request.expiresAt,
          timeZone: regionTimeZone(request.region),
          why,
        }),
    },
    now,
  );
}

export async function accountRequestState(link: DecisionLink): Promise<SubjectState> {
  const found = await getRequest(link.subject.id);
  if (!found) return { open: false, status: 'gone' };
  const { status } = found.request;
  if (status === 'pending') return { open: true };
  return { open: false, status: `a ${status} request`, expired: status === 'expired' };
}

export async function accountRequestPage(link: DecisionLink, token: string): Promise<string> {
  const { request } = (await getRequest(link.subject.id))!;
  const [holder, onBehalfOf, s] = await Promise.all([
    getStaffMember(link.holderId),
    link.onBehalfOf ? getStaffMember(link.onBehalfOf) : undefined,
    summarize(request),
  ]);
  return decisionPage({
    approvalId: link.approvalId,
    token,
    heading: `Official ${s.platform} account for ${s.regionName}`,
    intro:
      `${holder?.name ?? link.holderId}, you are asked to decide as ${link.role}` +
      `${onBehalfOf ? ` on behalf of ${onBehalfOf.name}` : ''}.`,
    facts: [
      ['Purpose', s.purpose],
      ...(s.displayName ? ([['Account name', s.displayName]] as Array<[string, string]>) : []),
      ['Requested by', s.requesterName],
      ['Administrator', s.administratorName],
      ['Back-up administrator', s.backupAdministratorName],
      ['Decide by', humanTime(request.expiresAt, regionTimeZone(request.region))],
    ],
    choices: [
      { value: 'approve', label: 'Approve', tone: 'approve' },
      { value: 'reject', label: 'Reject', tone: 'reject' },
    ],
  });
}

/** Records the holder's decision, settles the request if this decides it, and tells the workflow. */
export async function decideAccountRequest(
  link: DecisionLink,
  token: string,
  decision: Decision,
  comment: string,
  now = new Date(),
): Promise<string> {
  await recordDecision(link, hashLinkToken(token), decision, comment, now.toISOString());
  countMetric('ApprovalsDecided');
  // Consistent read after our commit: of concurrent deciders, the last to commit sees every decision.
  const { request, decisions } = (await getRequest(link.subject.id))!;
  const settled = settle(request.rules, request.approvers.length, decisions);
  if (settled !== 'pending') {
    await closeRequest(request.requestId, settled, now.toISOString(), link.holderId);
    await revokeOpenLinks('account-request', request.requestId);
  } else {
    // Later links for the same slot (reminders, alternates) are void once the slot is decided.
    await revokeOpenLinks('account-request', request.requestId, [link.slot]);
  }
  await signalWorkflow(
    request.requestId,
    outcomeOf(settled, request.rules, request.approvers.length, decisions, request.askedSlots),
  );
  const s = await summarize(request);
  return decisionResultPage({
    heading: `You ${decision === 'approve' ? 'approved' : 'rejected'} the request`,
    lines: [
      `Official ${s.platform} account for ${s.regionName}.`,
      settled === 'pending' ? 'The request now waits for the other approvers.' : `The request is now ${settled}.`,
    ],
    status: settled,
  });
}
