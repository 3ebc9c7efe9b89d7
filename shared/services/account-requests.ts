/**
 * Asking for an official account (TN-02) and following the request: who may ask, what the profile
 * requires before the workflow starts (TN-03, TN-04, TN-05), who may see the record, withdrawal.
 */
import { createRequest, closeRequest, getRequest, type AccountRequestRecord } from '../adapters/account-requests.ts';
import { revokeOpenLinks } from '../adapters/decision-links.ts';
import { getRegion, statewideRegion } from '../adapters/directory.ts';
import { requireAboutFields } from '../domain/about-text.ts';
import { administratorsNow } from './administrators.ts';
import { completeTask } from '../adapters/workflow-signals.ts';
import { getTaskToken } from '../adapters/account-requests.ts';
import { startWorkflow } from '../adapters/workflow-signals.ts';
import { hasRole, requireRegion, requireRole, type Caller } from '../auth/caller.ts';
import type { Role } from '../auth/roles.ts';
import { consoleLink, stateMachineArn } from '../config.ts';
import { administratorRefusal, type PositionProblem } from '../domain/administrator-rule.ts';
import { refuse } from '../domain/refusal.ts';
import { slotDecisions, type ApprovalSlot, type Outcome } from '../domain/approvals.ts';
import { approverPositions } from '../domain/approver-positions.ts';
import { newId } from '../domain/ids.ts';
import { ConflictError, ForbiddenError, NotFoundError, PolicyViolationError } from '../errors.ts';
import { activeProfile } from '../policy/index.ts';
import type { RuleId } from '../policy/rules.ts';
import type { CreateAccountRequest } from '../schemas/account-requests.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { workflows } from '../workflows.ts';
import { chooseDecider, noticeUnreachableDeciders } from './decider-choice.ts';
import { waitLimitSeconds } from '../domain/wait-limits.ts';

const hours = (n: number) => n * 3_600_000;

/** The workflow's timers, from the profile: relative waits per round, an absolute expiry. */
export interface ApprovalSchedule {
  remindAfterSeconds: number;
  escalateAfterSeconds: number;
  /** Issue 19.2: the decision wait's TimeoutSeconds (shared/domain/wait-limits.ts). */
  waitLimitSeconds: number;
  expiresAt: string;
}

/**
 * 422 unless the request names two different people, present staff of the region holding the
 * administrator role; 403 `SelfAppointment` when the requester names themselves, a separation of
 * duties no catalogue rule states (TN-05 only asks for the two positions), so it cites none; the rest
 * is TN-05's home's to refuse.
 */
async function checkAdministrators(body: CreateAccountRequest, requesterId: string): Promise<void> {
  const [first] = await administratorsNow({ ...body, requesterId });
  if (first?.problem === 'requester')
    throw new ForbiddenError('The requester may not name themselves administrator.', undefined, 'SelfAppointment');
  refuse(
    administratorRefusal({ of: 'named-positions', problem: first as PositionProblem | undefined, region: body.region }),
  );
}

/**
 * Resolves one approver per position the profile requires (TN-02, DC-01, NJ-02, CT-07): a holder whose
 * mail arrives when the role has one (issue 19.1); `unreachable` are those chosen although it does not.
 */
async function resolveApprovers(
  region: string,
  requesterId: string,
): Promise<{ slots: ApprovalSlot[]; unreachable: StaffMember[] }> {
  const { accountCreation } = activeProfile();
  const slots: ApprovalSlot[] = [];
  const unreachable: StaffMember[] = [];
  const scope = accountCreation.approverScope === 'statewide' ? statewideRegion : region;
  for (const { role, rules } of approverPositions(accountCreation)) {
    const chosen = await chooseDecider(role, scope, [requesterId, ...slots.map((s) => s.staffId)]);
    if (!chosen.holder)
      throw new PolicyViolationError(
        accountCreation.rules,
        `Nobody in the directory holds the approver role ${role} for region ${region}.`,
      );
    slots.push({ role, staffId: chosen.holder.staffId, rules });
    if (chosen.unreachable) unreachable.push(chosen.holder);
  }
  return { slots, unreachable };
}

/**
 * 422 unless the platform is one the profile approves.
 * @enforces TN-03
 */
function requireApprovedPlatform(platforms: readonly string[], platform: string): void {
  if (!platforms.includes(platform)) {
    throw new PolicyViolationError(
      'TN-03',
      `Platform ${platform} is not approved for official accounts; allowed: ${platforms.join(', ')}.`,
      [{ field: 'platform', message: 'not an approved platform' }],
    );
  }
}

/**
 * 422 unless the profile allows the purpose, citing the profile's purpose rule: NJ-04 (official
 * accounts are only official) is the check among them; TN-04, DC-02 and CT-01 state the purposes.
 * TN-04's own home is the separation of client-contact and news accounts (account-separation.ts).
 * @enforces NJ-04 DC-02 CT-01
 */
function requireAllowedPurpose(
  rules: { purposes: readonly string[]; purposeRules: readonly RuleId[] },
  purpose: CreateAccountRequest['purpose'],
): void {
  if (!rules.purposes.includes(purpose)) {
    throw new PolicyViolationError(
      rules.purposeRules,
      `Purpose ${purpose} is not allowed for an official account here; allowed: ${rules.purposes.join(', ')}.`,
      [{ field: 'purpose', message: 'not an allowed purpose' }],
    );
  }
}

/**
 * 403 unless the caller may ask for an account of the region: a regional director or designee of
 * their own region (TN-02; DC-01, NJ-02 and CT-07 under their profiles, cited as the profile says).
 * @enforces TN-02
 */
function requireRequester(
  caller: Caller,
  rules: { requesterRoles: readonly Role[]; rules: readonly RuleId[] },
  region: string,
): void {
  requireRole(caller, rules.requesterRoles, [...rules.rules]);
  requireRegion(caller, region, [...rules.rules]);
}

/** Validates a request against the profile, records it and starts the approval workflow. */
export async function requestAccount(
  caller: Caller,
  body: CreateAccountRequest,
  now = new Date(),
): Promise<{ requestId: string }> {
  const profile = activeProfile();
  const rules = profile.accountCreation;
  requireRequester(caller, rules, body.region);
  requireApprovedPlatform(rules.platforms, body.platform);
  requireAllowedPurpose(rules, body.purpose);
  requireAboutFields(profile.aboutRequiredFields, body.region, await getRegion(body.region));
  await checkAdministrators(body, caller.id);
  const { slots: approvers, unreachable } = await resolveApprovers(body.region, caller.id);
  const requestId = newId('req');
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + hours(rules.expireAfterHours)).toISOString();
  const record: AccountRequestRecord = {
    requestId,
    status: 'pending',
    requesterId: caller.id,
    platform: body.platform,
    purpose: body.purpose,
    region: body.region,
    ...(body.displayName ? { displayName: body.displayName } : {}),
    administratorId: body.administratorId,
    backupAdministratorId: body.backupAdministratorId,
    createdAt,
    expiresAt,
    approvers,
    rules: { approvalOrder: rules.approvalOrder, quorum: rules.quorum },
    askedSlots: [],
    escalated: false,
    ...(rules.oneClientContactAccountPerRegionAndPlatform && body.purpose === 'client-contact'
      ? { uniquenessKey: `client-contact#${body.region}#${body.platform}` }
      : {}),
  };
  await createRequest(record);
  await noticeUnreachableDeciders({
    subject: `REQUEST#${requestId}`,
    what: `Request ${requestId} for a ${body.platform} account`,
    people: unreachable,
    recordLink: consoleLink(`/requests/${requestId}`),
    now,
  });
  const schedule: ApprovalSchedule = {
    remindAfterSeconds: rules.reminderAfterHours * 3600,
    escalateAfterSeconds: (rules.escalateAfterHours - rules.reminderAfterHours) * 3600,
    expiresAt,
    waitLimitSeconds: waitLimitSeconds(activeProfile()).accountApproval,
  };
  await startWorkflow(stateMachineArn(workflows.accountApproval.envVar), requestId, { requestId, schedule });
  return { requestId };
}

/** Who may read a request: the requester, anyone asked to decide it, operations, oversight (DC-01). */
export async function viewRequest(caller: Caller, requestId: string) {
  const found = await getRequest(requestId);
  if (!found) throw new NotFoundError(`No account request ${requestId}.`);
  const { request, decisions } = found;
  const involved =
    request.requesterId === caller.id ||
    request.approvers.some((slot) => slot.staffId === caller.id) ||
    decisions.some((d) => d.approverId === caller.id);
  if (!involved && !hasRole(caller, ['operations', 'oversight'])) {
    throw new ForbiddenError(
      'Only the requester, the approvers and operations may see this request.',
      request.approvers.length ? activeProfile().accountCreation.rules : undefined,
    );
  }
  const bySlot = slotDecisions(request.approvers.length, decisions);
  const { uniquenessKey: _u, rules: _r, askedSlots: _a, escalated: _e, lastReminderAt: _l, ...visible } = request;
  return {
    ...visible,
    approvers: request.approvers.map((slot, i) => ({ ...slot, ...(bySlot[i] ? { decision: bySlot[i] } : {}) })),
    approvals: decisions.map(({ role, approverId, onBehalfOf, decision, decidedAt, comment }) => ({
      role,
      approverId,
      ...(onBehalfOf ? { onBehalfOf } : {}),
      decision,
      decidedAt,
      comment,
    })),
  };
}

/** Tells the workflow something changed; it re-reads the request if the token was stale. */
export async function signalWorkflow(requestId: string, outcome: Outcome): Promise<void> {
  if (outcome === 'pending') return;
  const token = await getTaskToken(requestId);
  if (token) await completeTask(token, { outcome });
}

/** The requester withdraws a pending request; its links stop working at once. */
export async function withdrawRequest(
  caller: Caller,
  requestId: string,
  reason: string | undefined,
  now = new Date(),
): Promise<void> {
  const found = await getRequest(requestId);
  if (!found) throw new NotFoundError(`No account request ${requestId}.`);
  if (found.request.requesterId !== caller.id)
    throw new ForbiddenError('Only the requester may withdraw a request.', activeProfile().accountCreation.rules);
  const closed = await closeRequest(
    requestId,
    'withdrawn',
    now.toISOString(),
    caller.id,
    reason ?? 'withdrawn by the requester',
  );
  if (!closed) throw new ConflictError(`The request is already ${found.request.status}.`, 'RequestClosed');
  await revokeOpenLinks('account-request', requestId);
  await signalWorkflow(requestId, 'withdrawn');
}
