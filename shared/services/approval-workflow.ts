/**
 * The account-approval workflow's tasks (workflows/account-approval.asl.json). Each re-reads the
 * request and acts only if it is still pending, so a retried task or a timer that fires after a
 * decision does nothing twice. Tasks throw on failure; the ASL's Retry and Catch decide what next.
 */
import {
  getRequest,
  storeTaskToken,
  updateProgress,
  closeRequest,
  type AccountRequestRecord,
} from '../adapters/account-requests.ts';
import { revokeOpenLinks } from '../adapters/decision-links.ts';
import { findRoleHolders, getStaffMember, statewideRegion } from '../adapters/directory.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { completeTask } from '../adapters/workflow-signals.ts';
import { consoleLink } from '../config.ts';
import { openSlots, outcomeOf, settle, slotDecisions, type Outcome } from '../domain/approvals.ts';
import { escalationNotice, requestClosed } from '../views/emails/approvals.ts';
import { activeProfile } from '../policy/index.ts';
import { askApprover } from './account-request-decisions.ts';
import { chooseDecider, noticeUnreachableDeciders } from './decider-choice.ts';
import { openLinksBySlot } from './decision-links.ts';
import { summarize } from './request-summary.ts';

const systemActor = 'system:account-approval';

async function pendingRequest(requestId: string) {
  const found = await getRequest(requestId);
  if (!found) throw Object.assign(new Error(`No account request ${requestId}.`), { name: 'RequestNotFound' });
  return found;
}

/** Asks the approvers whose turn it is (all in parallel order, the next one in serial order). */
export async function openRound(requestId: string, now = new Date()): Promise<{ asked: number }> {
  const { request, decisions } = await pendingRequest(requestId);
  if (request.status !== 'pending') return { asked: 0 };
  const open = await openLinksBySlot('account-request', requestId);
  const toAsk = openSlots(request.rules, request.approvers.length, decisions).filter(
    (slot) => !request.askedSlots.includes(slot) && !open.has(slot),
  );
  for (const slot of toAsk) await askApprover(request, slot, request.approvers[slot]!.staffId, 'request', now);
  await updateProgress(requestId, {
    askedSlots: [...new Set([...request.askedSlots, ...toAsk, ...open.keys()])].sort(),
  });
  return { asked: toAsk.length };
}

/**
 * Stores the callback token server-side, then checks whether the request already moved while no
 * token was waiting (a decision racing the previous round); if so it answers its own token.
 */
export async function awaitDecision(requestId: string, taskToken: string, now = new Date()): Promise<void> {
  await storeTaskToken(requestId, taskToken);
  const { request, decisions } = await pendingRequest(requestId);
  const settled = request.status === 'pending' ? settle(request.rules, request.approvers.length, decisions) : 'pending';
  if (settled !== 'pending') {
    // The deciding request is between recording its decision and closing the request: close it
    // here too (closing is conditional, so only one of the two takes effect) before moving on, or
    // provisioning would find the request still pending.
    await closeRequest(requestId, settled, now.toISOString(), 'system:account-approval');
    await revokeOpenLinks('account-request', requestId);
  }
  const outcome = outcomeOf(
    settled === 'pending' ? request.status : settled,
    request.rules,
    request.approvers.length,
    decisions,
    request.askedSlots,
  );
  if (outcome !== 'pending') await completeTask(taskToken, { outcome });
}

/** Undecided slots that have been asked. */
const waitingSlots = (request: AccountRequestRecord, decisions: Parameters<typeof slotDecisions>[1]) => {
  const bySlot = slotDecisions(request.approvers.length, decisions);
  return request.askedSlots.filter((slot) => bySlot[slot] === undefined);
};

/** Re-sends a fresh link to everyone still to decide; the older links stop working. */
export async function sendReminders(requestId: string, now = new Date()): Promise<{ reminded: number }> {
  const { request, decisions } = await pendingRequest(requestId);
  if (request.status !== 'pending') return { reminded: 0 };
  const open = await openLinksBySlot('account-request', requestId);
  const slots = waitingSlots(request, decisions);
  await revokeOpenLinks('account-request', requestId, slots);
  let reminded = 0;
  for (const slot of slots) {
    const holders = new Set((open.get(slot) ?? []).map((link) => link.onBehalfOf ?? link.holderId));
    if (holders.size === 0) holders.add(request.approvers[slot]!.staffId);
    for (const holder of holders) if (await askApprover(request, slot, holder, 'reminder', now)) reminded++;
  }
  await updateProgress(requestId, { lastReminderAt: now.toISOString() });
  return { reminded };
}

/**
 * Escalation: the region's directors hear that the request waits, and an alternate holder of each
 * waiting approver role (if the directory has one) gets a link of their own for that slot.
 */
export async function escalate(
  requestId: string,
  now = new Date(),
): Promise<{ alternates: number; directors: number }> {
  const { request, decisions } = await pendingRequest(requestId);
  if (request.status !== 'pending' || request.escalated) return { alternates: 0, directors: 0 };
  const slots = waitingSlots(request, decisions);
  const scope = activeProfile().accountCreation.approverScope === 'statewide' ? statewideRegion : request.region;
  let alternates = 0;
  const unreachable: StaffMember[] = [];
  for (const slot of slots) {
    const approver = request.approvers[slot]!;
    // An alternate whose mail arrives, where the role has one (issue 19.1).
    const { holder: alternate, unreachable: dead } = await chooseDecider(approver.role, scope, [
      request.requesterId,
      ...request.approvers.map((s) => s.staffId),
    ]);
    if (alternate && (await askApprover(request, slot, alternate.staffId, 'escalation', now))) {
      alternates++;
      if (dead) unreachable.push(alternate);
    }
  }
  await noticeUnreachableDeciders({
    subject: `REQUEST#${requestId}`,
    what: `The escalation of request ${requestId}`,
    people: unreachable,
    recordLink: consoleLink(`/requests/${requestId}`),
    now,
  });
  const directors = await findRoleHolders('director', request.region, [request.requesterId]);
  const waitingFor = await Promise.all(
    slots.map(async (slot) => {
      const member = await getStaffMember(request.approvers[slot]!.staffId);
      return `${member?.name ?? request.approvers[slot]!.staffId} (${request.approvers[slot]!.role})`;
    }),
  );
  await sendEmail(
    escalationNotice({
      to: directors.map((d) => d.email),
      request: await summarize(request),
      waitingFor,
      recordLink: consoleLink(`/requests/${requestId}`),
    }),
  );
  await updateProgress(requestId, { escalated: true });
  return { alternates, directors: directors.length };
}

/** Expiry: the request closes undecided and its links stop working. */
export async function expireRequest(requestId: string, now = new Date()): Promise<{ outcome: Outcome }> {
  const closed = await closeRequest(
    requestId,
    'expired',
    now.toISOString(),
    systemActor,
    'no decision before the deadline',
  );
  await revokeOpenLinks('account-request', requestId);
  const { request } = await pendingRequest(requestId);
  return { outcome: closed ? 'expired' : request.status };
}

/** Tells the requester (and, for a withdrawal, the approvers asked) how the request ended. */
export async function notifyClosed(requestId: string, outcome: 'rejected' | 'expired' | 'withdrawn'): Promise<void> {
  const { request, decisions } = await pendingRequest(requestId);
  await revokeOpenLinks('account-request', requestId);
  const requester = await getStaffMember(request.requesterId);
  const approverEmails =
    outcome === 'withdrawn'
      ? (await Promise.all(request.askedSlots.map((slot) => getStaffMember(request.approvers[slot]!.staffId)))).flatMap(
          (m) => (m ? [m.email] : []),
        )
      : [];
  const reasons =
    outcome === 'rejected'
      ? decisions.filter((d) => d.decision === 'reject').map((d) => d.comment || 'no comment given')
      : request.closedReason
        ? [request.closedReason]
        : [];
  await sendEmail(
    requestClosed({
      to: [...(requester ? [requester.email] : []), ...approverEmails],
      request: await summarize(request),
      outcome,
      reasons,
      recordLink: consoleLink(`/requests/${requestId}`),
    }),
  );
}
