/**
 * The rules of an account-creation approval (TN-02, DC-01, NJ-02, CT-07), free of I/O: who is asked
 * when, whether the decisions so far settle the request, and which deadline (reminder, escalation,
 * expiry) is due. The API and the workflow's tasks both decide through these functions, so a
 * decision arriving by link and a deadline passing in the workflow can never disagree.
 */
import type { Role } from '../auth/roles.ts';
import type { RuleId } from '../policy/rules.ts';

export type Decision = 'approve' | 'reject';
export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'withdrawn';
/** What the workflow does next: settle the request, open the next serial round, or keep waiting. */
export type Outcome = 'approved' | 'rejected' | 'expired' | 'withdrawn' | 'advance' | 'pending';

/** One approver position the profile requires (one per approver role). */
export interface ApprovalSlot {
  role: Role;
  staffId: string;
  /**
   * The rules that require this approval (approver-positions.ts): one for an agency's own profile,
   * every agency's under a combination (CT-02). Absent on requests made before they were kept.
   */
  rules?: RuleId[];
}

export interface RecordedDecision {
  approvalId: string;
  slot: number;
  role: Role;
  /** Who decided: the approver, their delegate or an alternate approver after escalation. */
  approverId: string;
  /** The approver a delegate acted for. */
  onBehalfOf?: string;
  decision: Decision;
  comment: string;
  decidedAt: string;
}

export interface ApprovalRules {
  approvalOrder: 'parallel' | 'serial';
  quorum: 'all' | number;
}

/** The first decision on a slot counts; later ones (alternates after escalation) cannot change it. */
export function slotDecisions(slotCount: number, decisions: readonly RecordedDecision[]): Array<Decision | undefined> {
  const bySlot: Array<Decision | undefined> = Array.from({ length: slotCount }, () => undefined);
  const ordered = [...decisions].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
  for (const decision of ordered) bySlot[decision.slot] ??= decision.decision;
  return bySlot;
}

/** How many approvals settle the request. */
export const requiredApprovals = (rules: ApprovalRules, slotCount: number): number =>
  rules.quorum === 'all' ? slotCount : Math.min(rules.quorum, slotCount);

/** Approved once the quorum approved; rejected once the quorum can no longer be reached. */
export function settle(
  rules: ApprovalRules,
  slotCount: number,
  decisions: readonly RecordedDecision[],
): 'approved' | 'rejected' | 'pending' {
  const bySlot = slotDecisions(slotCount, decisions);
  const needed = requiredApprovals(rules, slotCount);
  const approvals = bySlot.filter((d) => d === 'approve').length;
  const rejections = bySlot.filter((d) => d === 'reject').length;
  if (approvals >= needed) return 'approved';
  if (slotCount - rejections < needed) return 'rejected';
  return 'pending';
}

/**
 * The slots to ask now: every undecided slot in parallel order; in serial order the first
 * undecided one, once every slot before it has approved.
 */
export function openSlots(rules: ApprovalRules, slotCount: number, decisions: readonly RecordedDecision[]): number[] {
  const bySlot = slotDecisions(slotCount, decisions);
  const undecided = bySlot.flatMap((d, slot) => (d === undefined ? [slot] : []));
  if (rules.approvalOrder === 'parallel') return undecided;
  const next = undecided[0];
  return next === undefined ? [] : [next];
}

/**
 * The outcome after a change: terminal statuses first, then the tally; `advance` when a serial
 * round has closed and the next approver has not yet been asked.
 */
export function outcomeOf(
  status: RequestStatus,
  rules: ApprovalRules,
  slotCount: number,
  decisions: readonly RecordedDecision[],
  askedSlots: readonly number[],
): Outcome {
  if (status !== 'pending') return status;
  const settled = settle(rules, slotCount, decisions);
  if (settled !== 'pending') return settled;
  const unasked = openSlots(rules, slotCount, decisions).filter((slot) => !askedSlots.includes(slot));
  return unasked.length > 0 ? 'advance' : 'pending';
}

export interface Deadlines {
  createdAt: string;
  reminderAfterHours: number;
  escalateAfterHours: number;
  expiresAt: string;
}

export type DeadlineAction = 'expire' | 'escalate' | 'remind' | 'none';

const hours = (n: number) => n * 3_600_000;

/**
 * What is due at `now`: expiry beats escalation beats a reminder. `escalated` and `lastReminderAt`
 * make the answer idempotent, so a retried check never sends a second escalation.
 */
export function dueAction(
  deadlines: Deadlines,
  now: Date,
  state: { escalated: boolean; lastReminderAt?: string },
): DeadlineAction {
  const created = Date.parse(deadlines.createdAt);
  if (now.getTime() >= Date.parse(deadlines.expiresAt)) return 'expire';
  if (!state.escalated && now.getTime() >= created + hours(deadlines.escalateAfterHours)) return 'escalate';
  const lastNudge = state.lastReminderAt ? Date.parse(state.lastReminderAt) : created;
  if (now.getTime() >= lastNudge + hours(deadlines.reminderAfterHours)) return 'remind';
  return 'none';
}

/**
 * Seconds until the next deadline worth waking up for (at least 1): the workflow's callback task
 * times out after this long and runs the deadline check.
 */
export function secondsUntilNextDeadline(
  deadlines: Deadlines,
  now: Date,
  state: { escalated: boolean; lastReminderAt?: string },
): number {
  const created = Date.parse(deadlines.createdAt);
  const candidates = [
    Date.parse(deadlines.expiresAt),
    (state.lastReminderAt ? Date.parse(state.lastReminderAt) : created) + hours(deadlines.reminderAfterHours),
  ];
  if (!state.escalated) candidates.push(created + hours(deadlines.escalateAfterHours));
  const next = Math.min(...candidates.filter((t) => t > now.getTime()));
  return Number.isFinite(next) ? Math.max(1, Math.ceil((next - now.getTime()) / 1000)) : 1;
}
