/**
 * Issue 19.1 for the decisions other than account requests: a grant request's approver (NJ-02) or a
 * suggested post's reviewer (MO-01, MO-03) whose mail is not reached hands the step at once to an
 * alternate holder of the same role and scope, through the service's own ask, and the requester or
 * submitter is told. With no alternate the step waits for its deadline, as an account request does.
 */
import { getAccount } from '../adapters/accounts.ts';
import { listLinks, revokeLinks, type DecisionLink } from '../adapters/decision-links.ts';
import { getStaffMember, statewideRegion } from '../adapters/directory.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { getSuggestion } from '../adapters/post-suggestions.ts';
import { consoleLink } from '../config.ts';
import { activeProfile } from '../policy/index.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { logger } from '../telemetry.ts';
import { decisionReassigned } from '../views/emails/operations.ts';
import { chooseDecider, noticeUnreachableDeciders } from './decider-choice.ts';
import { askGrantApprover, grantRequestState, requestedGrant } from './grant-approvals.ts';
import { askReviewer, reviewStepOf } from './post-suggestions.ts';

/** Tells whoever waits on the decision who decides it now; never at the address that failed. */
async function tellWaiting(
  waitingId: string,
  person: StaffMember,
  alternate: StaffMember,
  what: string,
  why: string,
  record: string,
): Promise<void> {
  const waiting = await getStaffMember(waitingId);
  if (!waiting || waiting.email === person.email) return;
  await sendEmail(
    decisionReassigned({
      to: [waiting.email],
      what,
      from: person.name,
      toName: alternate.name,
      why,
      recordLink: consoleLink(record),
    }),
  );
}

/** NJ-02: the unreached approver's slot goes to another holder of the role; true when one was asked. */
export async function handOffGrantDecision(
  link: DecisionLink,
  person: StaffMember,
  why: string,
  now: Date,
): Promise<boolean> {
  const grant = await requestedGrant(link);
  const approval = activeProfile().access.grantApproval;
  if (!grant || !approval || !(await grantRequestState(link, now)).open) return false;
  const account = await getAccount(grant.accountId);
  const scope = approval.approverScope === 'statewide' || !account ? statewideRegion : account.region;
  // The two-person rule counts people: nobody already deciding another slot, nor the grant's parties.
  const { holder: alternate, unreachable } = await chooseDecider(link.role, scope, [
    grant.grantedBy,
    grant.staffId,
    person.staffId,
    ...(link.onBehalfOf ? [link.onBehalfOf] : []),
    ...(grant.approvers ?? []).map((slot) => slot.staffId),
    ...(grant.approvals ?? []).flatMap((d) => [d.approverId, ...(d.onBehalfOf ? [d.onBehalfOf] : [])]),
  ]);
  if (!alternate) {
    logger.warn('no alternate approver for a grant decision whose holder is not reached', {
      requestId: grant.requestId,
    });
    return false;
  }
  await revokeLinks([link]);
  if (!(await askGrantApprover(grant, link.slot, alternate.staffId, 'escalation', now))) return false;
  if (unreachable)
    await noticeUnreachableDeciders({
      subject: `ACCOUNT#${grant.accountId}`,
      what: `Grant request ${grant.requestId}, handed on from ${person.name}`,
      people: [alternate],
      recordLink: consoleLink(`/accounts/${grant.accountId}`),
      now,
    });
  await tellWaiting(
    grant.grantedBy,
    person,
    alternate,
    `Your request ${grant.requestId} for access to an official ${account?.platform ?? ''} account`,
    why,
    `/accounts/${grant.accountId}`,
  );
  return true;
}

/**
 * MO-01, MO-03: the unreached reviewer's step goes to another holder of the role (the supervisor's
 * role in the submitter's region; Communications statewide) who holds no link for it yet; true
 * when one was asked. Where other reviewers still hold the step, the dead link is only revoked.
 */
export async function handOffSuggestionReview(
  link: DecisionLink,
  person: StaffMember,
  why: string,
  now: Date,
): Promise<boolean> {
  const found = await getSuggestion(link.subject.id);
  if (!found) return false;
  const { suggestion, history } = found;
  const waiting = link.slot === 0 ? 'with-supervisor' : 'with-communications';
  if (suggestion.status !== waiting) return false;
  const submitter = await getStaffMember(suggestion.submitterId);
  const scope = link.slot === 0 ? (submitter?.region ?? statewideRegion) : statewideRegion;
  const open = (await listLinks('post-suggestion', suggestion.suggestionId)).filter(
    (other) => other.status === 'open' && other.slot === link.slot && other.approvalId !== link.approvalId,
  );
  const { holder: alternate, unreachable } = await chooseDecider(link.role, scope, [
    suggestion.submitterId,
    person.staffId,
    ...open.flatMap((other) => [other.holderId, ...(other.onBehalfOf ? [other.onBehalfOf] : [])]),
  ]);
  if (!alternate) {
    logger.warn('no alternate reviewer for a suggestion whose reviewer is not reached', {
      suggestionId: suggestion.suggestionId,
      othersAsked: open.length,
    });
    if (open.length > 0) await revokeLinks([link]);
    return false;
  }
  await revokeLinks([link]);
  const step = reviewStepOf(suggestion, history);
  if (!(await askReviewer(suggestion, step, alternate.staffId, 'escalation', now))) return false;
  if (unreachable)
    await noticeUnreachableDeciders({
      subject: `SUGGESTION#${suggestion.suggestionId}`,
      what: `Suggested post ${suggestion.suggestionId}, handed on from ${person.name}`,
      people: [alternate],
      recordLink: consoleLink(`/suggestions/${suggestion.suggestionId}`),
      now,
    });
  await tellWaiting(
    suggestion.submitterId,
    person,
    alternate,
    `Your suggested post ${suggestion.suggestionId}`,
    why,
    `/suggestions/${suggestion.suggestionId}`,
  );
  return true;
}
