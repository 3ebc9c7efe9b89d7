/**
 * What happens when a workflow's wait for a person runs out (issue 19.2): each closes its subject
 * in a defined way (shared/domain/wait-limits.ts, waitOutcomes), records it in the subject's audit
 * trail and in the operations notices the status page lists, counts `WaitsTimedOut` (which alarms)
 * and emails those it escalates to. Safe to repeat: a retried task finds the subject closed already.
 */
import { getRequest } from '../adapters/account-requests.ts';
import { getAccount } from '../adapters/accounts.ts';
import { appendAudit } from '../adapters/audit.ts';
import { revokeOpenLinks } from '../adapters/decision-links.ts';
import { getDeparture } from '../adapters/departures.ts';
import { findRoleHolders, getStaffMember, statewideRegion } from '../adapters/directory.ts';
import { getIncident } from '../adapters/incidents.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { putOpsNotice } from '../adapters/ops-notices.ts';
import { getSuggestion } from '../adapters/post-suggestions.ts';
import type { Role } from '../auth/roles.ts';
import { consoleLink } from '../config.ts';
import { waitLimitSeconds, waitOutcomes, type WaitingWorkflow } from '../domain/wait-limits.ts';
import { NotFoundError } from '../errors.ts';
import { activeProfile } from '../policy/index.ts';
import { countMetric, logger } from '../telemetry.ts';
import { waitTimedOut } from '../views/emails/operations.ts';
import { expireRequest } from './approval-workflow.ts';
import { cancelRotation } from './rotation/cancel.ts';

/** The actor the audit trail names for what the workflow did on its own. */
const workflowActor = 'system:step-functions';

interface Closure {
  subject: string;
  what: string;
  waitedFor: string;
  region: string;
  /** Besides operations and the region's directors. */
  alsoTell: { roles: Role[]; people: string[] };
  recordLink: string;
}

/** Closes one workflow's subject and says what it concerned. */
const closers: Record<WaitingWorkflow, (id: string, now: Date, accountId?: string) => Promise<Closure>> = {
  async accountApproval(requestId, now) {
    const found = await getRequest(requestId);
    if (!found) throw new NotFoundError(`No account request ${requestId}.`);
    await expireRequest(requestId, now);
    return {
      subject: `REQUEST#${requestId}`,
      what: `The account request ${requestId}`,
      waitedFor: 'its approvers',
      region: found.request.region,
      alsoTell: { roles: [], people: [] },
      recordLink: consoleLink(`/requests/${requestId}`),
    };
  },
  async credentialRotation(rotationId, now, accountId) {
    if (!accountId) throw new NotFoundError(`Rotation ${rotationId} names no account.`);
    const account = await getAccount(accountId);
    await cancelRotation(accountId, rotationId, workflowActor, 'wait-timed-out', now);
    return {
      subject: `ACCOUNT#${accountId}`,
      what: `The password change of ${account?.platform ?? 'account'} ${accountId}`,
      waitedFor: 'its administrator to confirm it',
      region: account?.region ?? statewideRegion,
      alsoTell: { roles: [], people: [] },
      recordLink: consoleLink(`/accounts/${accountId}`),
    };
  },
  async departure(departureId) {
    const departure = await getDeparture(departureId);
    if (!departure) throw new NotFoundError(`No departure ${departureId}.`);
    const person = await getStaffMember(departure.staffId);
    return {
      subject: `STAFF#${departure.staffId}`,
      what: `The departure of ${person?.name ?? departure.staffId}`,
      waitedFor: 'HR and IT to record that their email access is removed (TN-10)',
      region: person?.region ?? statewideRegion,
      alsoTell: { roles: ['hr'], people: [] },
      recordLink: consoleLink(`/departures/${departureId}`),
    };
  },
  async incident(incidentId) {
    const incident = await getIncident(incidentId);
    if (!incident) throw new NotFoundError(`No incident ${incidentId}.`);
    return {
      subject: `ACCOUNT#${incident.accountId}`,
      what: `The incident ${incidentId}`,
      waitedFor: 'the hotline report to be recorded (TN-14)',
      region: incident.region,
      alsoTell: { roles: [], people: [] },
      recordLink: consoleLink(`/incidents/${incidentId}`),
    };
  },
  async postSuggestion(suggestionId) {
    const found = await getSuggestion(suggestionId);
    if (!found) throw new NotFoundError(`No post suggestion ${suggestionId}.`);
    await revokeOpenLinks('post-suggestion', suggestionId);
    return {
      subject: `SUGGESTION#${suggestionId}`,
      what: `The post suggestion ${suggestionId}`,
      waitedFor: 'a reviewer to decide it (MO-03)',
      region: statewideRegion,
      alsoTell: { roles: [], people: [found.suggestion.submitterId] },
      recordLink: consoleLink(`/suggestions/${suggestionId}`),
    };
  },
};

/** Workflow task: the wait of `workflow` on `subjectId` ran out (States.Timeout); closes and reports it. */
export async function closeTimedOutWait(
  input: { workflow: WaitingWorkflow; subjectId: string; state: string; accountId?: string | undefined },
  now = new Date(),
): Promise<{ closed: true }> {
  const { workflow, subjectId, state } = input;
  const closure = await closers[workflow](subjectId, now, input.accountId);
  const limitHours = Math.round(waitLimitSeconds(activeProfile())[workflow] / 3600);
  const outcome = waitOutcomes[workflow];
  const at = now.toISOString();
  const details = { workflow, state, subjectId, limitHours, closedHow: outcome.closedHow };
  await appendAudit({ subject: closure.subject, action: 'wait.timed-out', actorId: workflowActor, at, details });
  const first = await putOpsNotice({
    kind: 'wait-timed-out',
    noticeId: `${workflow}:${subjectId}:${state}`,
    at,
    subject: closure.subject,
    summary: `${closure.what} stopped waiting for ${closure.waitedFor}; ${outcome.closedHow}.`,
    details,
  });
  // A retry of this task finds the notice written: the metric was counted and the people told then.
  if (!first) return { closed: true };
  countMetric('WaitsTimedOut');
  const region = closure.region;
  const roleHolders = await Promise.all(
    (['operations', 'director', ...closure.alsoTell.roles] as Role[]).map((role) => findRoleHolders(role, region)),
  );
  const people = await Promise.all(closure.alsoTell.people.map((id) => getStaffMember(id)));
  const to = [...new Set([...roleHolders.flat(), ...people.flatMap((p) => (p ? [p] : []))].map((p) => p.email))];
  await sendEmail(
    waitTimedOut({
      to,
      what: closure.what,
      waitedFor: closure.waitedFor,
      limitHours,
      closedHow: outcome.closedHow,
      recordLink: closure.recordLink,
    }),
  );
  logger.warn('wait timed out', { workflow, state, subjectId });
  return { closed: true };
}
