/**
 * SES feedback (issue 19.1): a bounce, complaint, reject or delay of mail to a person is recorded on
 * their directory entry and in their audit trail, counted (the Mail-NotReachingPeople alarm) and
 * listed on the status page. When the person is not reached, each decision waiting on them (an account
 * request, a grant request, a suggested post) goes at once to an alternate holder of the same role, the
 * requester is told, and operations hear of it by mail. A redelivered event changes nothing (the
 * feedback id is recorded once).
 */
import { getRequest } from '../adapters/account-requests.ts';
import { appendAudit } from '../adapters/audit.ts';
import { openLinksHeldBy, revokeLinks, type DecisionLink } from '../adapters/decision-links.ts';
import {
  findRoleHolders,
  findStaffByEmail,
  getMailState,
  getStaffMember,
  recordMailFeedback,
  statewideRegion,
} from '../adapters/directory.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { putOpsNotice } from '../adapters/ops-notices.ts';
import { consoleLink } from '../config.ts';
import { feedbackOf, type Feedback } from '../domain/mail-feedback.ts';
import { marksUnreachable, unreachableMark, type MailUnreachable } from '../domain/mail-reach.ts';
import { activeProfile } from '../policy/index.ts';
import type { SesEvent } from '../schemas/ses-events.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { countMetric, logger } from '../telemetry.ts';
import { decisionReassigned, mailNotDelivered } from '../views/emails/operations.ts';
import { askApprover } from './account-request-decisions.ts';
import { chooseDecider, noticeUnreachableDeciders } from './decider-choice.ts';
import { handOffGrantDecision, handOffSuggestionReview } from './mail-feedback-handoffs.ts';

/** The actor the audit trail names for what SES reported. */
const sesActor = 'system:ses';

/** Trigger: one SES event from the configuration set's EventBridge destination. */
export async function handleSesEvent(event: SesEvent, now = new Date()): Promise<{ people: number }> {
  const feedback = feedbackOf(event);
  countMetric(feedback.metric, feedback.recipients.length);
  let people = 0;
  for (const address of feedback.recipients) {
    const [person] = await findStaffByEmail(address);
    if (!person) {
      // Mail goes only to directory addresses; one that is not there changed meanwhile.
      logger.warn('SES feedback for an address not in the directory', { kind: feedback.kind });
      continue;
    }
    if (await recordForPerson(person, feedback, now)) people++;
  }
  return { people };
}

/** The mark the feedback puts on the person (issue 19.1): only what says the address is dead does. */
async function markFor(person: StaffMember, feedback: Feedback): Promise<MailUnreachable | undefined> {
  if (!marksUnreachable(feedback) || feedback.kind === 'delay') return undefined;
  const earlier = (await getMailState(person.staffId))?.mailUnreachable;
  return unreachableMark({ ...feedback, kind: feedback.kind }, person.email, earlier);
}

async function recordForPerson(person: StaffMember, feedback: Feedback, now: Date): Promise<boolean> {
  const mark = await markFor(person, feedback);
  const recorded = await recordMailFeedback(
    person.staffId,
    {
      kind: feedback.kind,
      type: feedback.type,
      at: feedback.at,
      feedbackId: feedback.feedbackId,
      messageId: feedback.messageId,
    },
    mark,
    // Only while the address we found them by is still theirs: feedback can arrive after a change.
    person.email,
  );
  if (!recorded) return false;
  const subject = `STAFF#${person.staffId}`;
  await appendAudit({
    subject,
    action: `mail.${feedback.kind}`,
    actorId: sesActor,
    at: now.toISOString(),
    details: {
      type: feedback.type,
      feedbackId: feedback.feedbackId,
      messageId: feedback.messageId,
      // New decisions pass them by while the address is theirs (decider-choice.ts).
      ...(mark ? { unreachableSince: mark.since } : {}),
    },
  });
  const reassigned = feedback.unreachable ? await handOffDecisions(person, feedback, now) : 0;
  await putOpsNotice({
    kind: 'mail-feedback',
    noticeId: `${feedback.feedbackId}:${person.staffId}`,
    at: now.toISOString(),
    subject,
    summary:
      `Mail to ${person.name} not delivered: ${feedback.description}` +
      (feedback.unreachable ? `; ${reassigned} waiting decision(s) went to an alternate.` : '.'),
    details: { kind: feedback.kind, type: feedback.type, reassigned },
  });
  if (feedback.unreachable) {
    // Never to the address that failed: a bounce of this very notice would come back here.
    const operations = (await findRoleHolders('operations', statewideRegion)).filter((p) => p.email !== person.email);
    await sendEmail(
      mailNotDelivered({
        to: operations.map((p) => p.email),
        personName: person.name,
        event: feedback.description,
        reassigned,
        recordLink: consoleLink(`/staff/${person.staffId}`),
      }),
    );
  }
  return true;
}

/** Hands each open decision link the person holds, of every kind, to an alternate; returns how many. */
async function handOffDecisions(person: StaffMember, feedback: Feedback, now: Date): Promise<number> {
  let handed = 0;
  for (const link of await openLinksHeldBy(person.staffId)) {
    const kind = link.subject.kind;
    const done =
      kind === 'account-request'
        ? await handOff(link, person, feedback, now)
        : kind === 'grant-request'
          ? await handOffGrantDecision(link, person, feedback.description, now)
          : await handOffSuggestionReview(link, person, feedback.description, now);
    if (done) handed++;
  }
  return handed;
}

async function handOff(link: DecisionLink, person: StaffMember, feedback: Feedback, now: Date): Promise<boolean> {
  const found = await getRequest(link.subject.id);
  if (found?.request.status !== 'pending') return false;
  const { request } = found;
  const scope = activeProfile().accountCreation.approverScope === 'statewide' ? statewideRegion : request.region;
  const { holder: alternate, unreachable } = await chooseDecider(link.role, scope, [
    request.requesterId,
    person.staffId,
    ...(link.onBehalfOf ? [link.onBehalfOf] : []),
    ...request.approvers.map((slot) => slot.staffId),
  ]);
  if (!alternate) {
    logger.warn('no alternate approver for a decision whose holder is not reached', { requestId: request.requestId });
    return false;
  }
  // The link that never arrived stops working: the decision is the alternate's now.
  await revokeLinks([link]);
  const asked = await askApprover(request, link.slot, alternate.staffId, 'escalation', now);
  if (!asked) return false;
  if (unreachable)
    await noticeUnreachableDeciders({
      subject: `REQUEST#${request.requestId}`,
      what: `Request ${request.requestId}, handed on from ${person.name}`,
      people: [alternate],
      recordLink: consoleLink(`/requests/${request.requestId}`),
      now,
    });
  const requester = await getStaffMember(request.requesterId);
  if (requester && requester.email !== person.email)
    await sendEmail(
      decisionReassigned({
        to: [requester.email],
        what: `Your request ${request.requestId} for a ${request.platform} account`,
        from: person.name,
        toName: alternate.name,
        why: feedback.description,
        recordLink: consoleLink(`/requests/${request.requestId}`),
      }),
    );
  return true;
}
