/**
 * Grants as decision-link subjects (NJ-02): where the profile asks approvers first, a grant is a
 * request until one holder of each approver role (the CP&P Director and the Director of IT under
 * nj-dcf) has approved it through the same single-use, scanner-safe links as account approvals.
 * The grant item carries the request (approvers, decisions, deadline), so there is one record and
 * no workflow: a request undecided by `decideBy` has lapsed, as a limited grant ends, by itself.
 */
import { getAccount } from '../adapters/accounts.ts';
import type { AuditEntry } from '../adapters/audit.ts';
import { revokeOpenLinks, spendFailure, spendLink, type DecisionLink } from '../adapters/decision-links.ts';
import { getRegion, getStaffMember, statewideRegion } from '../adapters/directory.ts';
import { getGrant, recordGrantDecision, settleGrant, type Grant } from '../adapters/grants.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { settle, type ApprovalSlot, type Decision, type RecordedDecision } from '../domain/approvals.ts';
import { grantCreatedDetails } from '../domain/grant-record.ts';
import { hashLinkToken } from '../domain/ids.ts';
import { ConflictError, PolicyViolationError } from '../errors.ts';
import type { PolicyProfile } from '../policy/schema.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { decisionPage, decisionResultPage } from '../views/decision-pages.ts';
import {
  grantApprovalRequested,
  grantRequestClosed,
  grantRequestFacts,
  type GrantRequestSummary,
} from '../views/emails/grant-approvals.ts';
import { humanTime } from '../views/human-time.ts';
import { regionTimeZone } from '../policy/time-zone.ts';
import { chooseDecider } from './decider-choice.ts';
import { issueLink, type DecisionForm, type SubjectState } from './decision-links.ts';

/** The profile's grant approval, where it has one. */
export type GrantApproval = NonNullable<PolicyProfile['access']['grantApproval']>;

/** Every approver decides; asked all at once. */
const rules = { approvalOrder: 'parallel', quorum: 'all' } as const;

/** A link's subject id for a grant request: the grant's key and the request, which a retry replaces. */
export const grantSubjectId = (grant: Pick<Grant, 'accountId' | 'staffId' | 'requestId'>): string =>
  `${grant.accountId}~${grant.staffId}~${grant.requestId}`;

const parseSubjectId = (id: string) => {
  const [accountId = '', staffId = '', requestId = ''] = id.split('~');
  return { accountId, staffId, requestId };
};

/**
 * One present holder of each approver role, never the person to be granted nor the requester, and
 * never one person for two roles (issue 16.6's two-person rule); 422 with the profile's rule when a
 * role has nobody left to ask, and nothing is written. A holder whose mail arrives is preferred
 * (issue 19.1); `unreachable` are those chosen although it does not, for operations to hear of.
 */
export async function resolveGrantApprovers(
  approval: GrantApproval,
  region: string,
  exclude: readonly string[],
): Promise<{ slots: ApprovalSlot[]; unreachable: StaffMember[] }> {
  const scope = approval.approverScope === 'statewide' ? statewideRegion : region;
  const slots: ApprovalSlot[] = [];
  const unreachable: StaffMember[] = [];
  for (const role of approval.approverRoles) {
    const chosen = await chooseDecider(role, scope, [...exclude, ...slots.map((s) => s.staffId)]);
    if (!chosen.holder)
      throw new PolicyViolationError(
        approval.rule,
        `Nobody in the directory may approve this grant as ${role}; the grantee and the requester do not.`,
        [{ field: 'staffId', message: `no ${role} to approve` }],
      );
    slots.push({ role, staffId: chosen.holder.staffId });
    if (chosen.unreachable) unreachable.push(chosen.holder);
  }
  return { slots, unreachable };
}

async function summarizeGrant(grant: Grant): Promise<GrantRequestSummary> {
  const account = await getAccount(grant.accountId);
  const [region, grantee, requester] = await Promise.all([
    account ? getRegion(account.region) : undefined,
    getStaffMember(grant.staffId),
    getStaffMember(grant.grantedBy),
  ]);
  const timeZone = regionTimeZone(account?.region);
  return {
    requestId: grant.requestId ?? '',
    accountId: grant.accountId,
    platform: account?.platform ?? 'official',
    regionName: region?.name ?? account?.region ?? '',
    granteeName: grantee?.name ?? grant.staffId,
    office: grant.office,
    requesterName: requester?.name ?? grant.grantedBy,
    duration: grant.expiresAt ? `limited, until ${humanTime(grant.expiresAt, timeZone)}` : 'long-term',
    ...(grant.device ? { device: grant.device } : {}),
    timeZone,
  };
}

/**
 * Emails every approver of a pending grant a link (or their eligible delegate, issue 16.3). Nobody
 * who asked for the grant, is to receive it, or holds the other approver role decides, even as a
 * delegate: nobody approves their own access.
 */
export async function askGrantApprovers(grant: Grant, now = new Date()): Promise<number> {
  const summary = await summarizeGrant(grant);
  let asked = 0;
  for (const [slot, approver] of (grant.approvers ?? []).entries())
    if (await askGrantApprover(grant, slot, approver.staffId, 'request', now, summary)) asked++;
  return asked;
}

/**
 * Emails `holderId` (or their eligible delegate) a link to decide slot `slot` of a pending grant: the
 * first ask, or an alternate's when the approver's mail does not arrive (issue 19.1).
 */
export async function askGrantApprover(
  grant: Grant,
  slot: number,
  holderId: string,
  why: 'request' | 'escalation',
  now = new Date(),
  summary?: GrantRequestSummary,
): Promise<DecisionLink | undefined> {
  const request = summary ?? (await summarizeGrant(grant));
  const approvers = grant.approvers ?? [];
  const decided = (grant.approvals ?? []).filter((d) => d.slot !== slot);
  return issueLink(
    {
      subject: { kind: 'grant-request', id: grantSubjectId(grant) },
      slot,
      role: approvers[slot]!.role,
      holderId,
      excluded: [
        grant.grantedBy,
        grant.staffId,
        ...approvers.filter((_, i) => i !== slot).map((s) => s.staffId),
        ...decided.flatMap((d) => [d.approverId, ...(d.onBehalfOf ? [d.onBehalfOf] : [])]),
      ],
      choices: ['approve', 'reject'],
      expiresAt: grant.decideBy!,
      why,
      compose: async (url, recipient, onBehalfOf) =>
        grantApprovalRequested({
          to: recipient.email,
          approverName: recipient.name,
          ...(onBehalfOf ? { onBehalfOfName: onBehalfOf.name } : {}),
          request,
          link: url,
          expiresAt: grant.decideBy!,
        }),
    },
    now,
  );
}

/** The requester and the person to be granted hear how the request ended (no password, no link). */
async function tellOutcome(grant: Grant, outcome: 'approved' | 'rejected'): Promise<void> {
  const people = await Promise.all([getStaffMember(grant.grantedBy), getStaffMember(grant.staffId)]);
  const to = [...new Set(people.flatMap((person) => (person ? [person.email] : [])))];
  await sendEmail(grantRequestClosed({ to, request: await summarizeGrant(grant), outcome }));
}

/** The grant a link decides, if it is still that request. */
export async function requestedGrant(link: DecisionLink): Promise<Grant | undefined> {
  const { accountId, staffId, requestId } = parseSubjectId(link.subject.id);
  const grant = await getGrant(accountId, staffId);
  return grant && grant.requestId === requestId ? grant : undefined;
}

export async function grantRequestState(link: DecisionLink, now = new Date()): Promise<SubjectState> {
  const grant = await requestedGrant(link);
  if (!grant) return { open: false, status: 'a closed grant request' };
  if (grant.status !== 'pending') return { open: false, status: 'an approved grant' };
  if (grant.decideBy && grant.decideBy <= now.toISOString())
    return { open: false, status: 'a lapsed grant request', expired: true };
  return { open: true };
}

export async function grantRequestPage(link: DecisionLink, token: string): Promise<string> {
  const grant = (await requestedGrant(link))!;
  const [holder, onBehalfOf, summary] = await Promise.all([
    getStaffMember(link.holderId),
    link.onBehalfOf ? getStaffMember(link.onBehalfOf) : undefined,
    summarizeGrant(grant),
  ]);
  return decisionPage({
    approvalId: link.approvalId,
    token,
    heading: `Access for ${summary.granteeName} to the ${summary.platform} account of ${summary.regionName}`,
    intro:
      `${holder?.name ?? link.holderId}, you are asked to decide as ${link.role}` +
      `${onBehalfOf ? ` on behalf of ${onBehalfOf.name}` : ''}. Access starts only once every approver approved.`,
    facts: [...grantRequestFacts(summary), ['Decide by', humanTime(grant.decideBy!, summary.timeZone)]],
    choices: [
      { value: 'approve', label: 'Approve', tone: 'approve' },
      { value: 'reject', label: 'Refuse', tone: 'reject' },
    ],
  });
}

/**
 * Records the holder's decision; once every approver approved the grant is in force, and a refusal
 * by any of them ends the request at once.
 */
export async function decideGrantRequest(
  link: DecisionLink,
  token: string,
  form: DecisionForm,
  approval: GrantApproval | null,
  now = new Date(),
): Promise<string> {
  const at = now.toISOString();
  const grant = (await requestedGrant(link))!;
  const decision = form.decision as Decision;
  const recorded: RecordedDecision = {
    approvalId: link.approvalId,
    slot: link.slot,
    role: link.role,
    approverId: link.holderId,
    ...(link.onBehalfOf ? { onBehalfOf: link.onBehalfOf } : {}),
    decision,
    comment: form.comment,
    decidedAt: at,
  };
  const subject = `ACCOUNT#${grant.accountId}`;
  const cited = approval ? { rule: approval.rule } : {};
  const details = { staffId: grant.staffId, requestId: grant.requestId, role: link.role, ...cited };
  const audit: AuditEntry = { subject, action: `grant.${decision}`, actorId: link.holderId, at, details };
  const result = await recordGrantDecision(grant, recorded, spendLink(link, hashLinkToken(token), at), audit);
  if (result === 'link') throw await spendFailure(link, at);
  if (result === 'closed') throw new ConflictError('This grant request no longer takes decisions.', 'RequestClosed');
  // Consistent read after our commit: of concurrent deciders, the last to commit sees every decision.
  const current = (await requestedGrant(link)) ?? grant;
  const approvers = current.approvers ?? [];
  const settled = settle(rules, approvers.length, current.approvals ?? []);
  const id = grantSubjectId(grant);
  if (settled === 'pending') {
    await revokeOpenLinks('grant-request', id, [link.slot]);
  } else {
    const action = settled === 'approved' ? 'grant.created' : 'grant.refused';
    const facts = {
      requestId: grant.requestId,
      approvers,
      approvedUnder: approval?.rule,
      ...grantCreatedDetails(current),
    };
    const closing: AuditEntry = { subject, action, actorId: link.holderId, at, details: facts };
    const settledHere = await settleGrant(current, settled, at, closing);
    await revokeOpenLinks('grant-request', id);
    if (settledHere) await tellOutcome(grant, settled);
  }
  const summary = await summarizeGrant(grant);
  return decisionResultPage({
    heading: `You ${decision === 'approve' ? 'approved' : 'refused'} access for ${summary.granteeName}`,
    lines: [
      `The ${summary.platform} account of ${summary.regionName}.`,
      settled === 'pending'
        ? 'The request now waits for the other approvers.'
        : settled === 'approved'
          ? 'Every approver approved: the access is now in force.'
          : 'The request is refused; no access is given.',
    ],
    status: settled,
  });
}
