/**
 * What operations watch, summarized without any AWS call: executions by status and by day, a
 * workflow's health, pending approvals by age, the gauges the scheduled job publishes. The status
 * page, its JSON, the gauges job and the ops CLI all summarize through here, so a number means
 * the same thing wherever it is shown.
 */

/** Step Functions' execution statuses, in the order the page and the CLI show them. */
export const executionStatuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/** The statuses that need a person: the execution ended without doing its job. */
export const unsuccessfulStatuses: ReadonlySet<string> = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/** An execution as the summaries need it (never its input or output). */
export interface ExecutionFact {
  status: string;
  /** ISO timestamp. */
  startDate: string;
}

export interface DayCount {
  /** UTC date, YYYY-MM-DD. */
  date: string;
  total: number;
  /** Failed, timed out or aborted. */
  unsuccessful: number;
}

/** failing: something ended unsuccessfully in the last 24 hours; attention: earlier in the window. */
export type Health = 'healthy' | 'attention' | 'failing';

export interface WorkflowSummary {
  /** Key in shared/workflows.ts. */
  workflow: string;
  stateMachine: string;
  health: Health;
  /** Running now, however long ago they started (approvals wait for weeks). */
  running: number;
  /** Executions started in the window, by status. */
  started: Record<ExecutionStatus, number>;
  perDay: DayCount[];
  /** True when the window held more executions than were read; the counts are then a lower bound. */
  truncated: boolean;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

const utcDate = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** Midnight UTC of the first of the `days` days that end with asOf's day: where the window starts. */
export const windowStart = (asOf: Date, days: number): Date =>
  new Date(Date.parse(utcDate(asOf.getTime())) - (days - 1) * dayMs);

/** Executions started in each day of the window, oldest day first, with every day present. */
export function executionsPerDay(executions: readonly ExecutionFact[], asOf: Date, days: number): DayCount[] {
  const start = windowStart(asOf, days).getTime();
  const perDay = Array.from(
    { length: days },
    (_, i): DayCount => ({ date: utcDate(start + i * dayMs), total: 0, unsuccessful: 0 }),
  );
  for (const execution of executions) {
    const index = Math.floor((Date.parse(execution.startDate) - start) / dayMs);
    const day = perDay[index];
    if (index < 0 || !day) continue;
    day.total += 1;
    if (unsuccessfulStatuses.has(execution.status)) day.unsuccessful += 1;
  }
  return perDay;
}

/** Executions by status, every status present (zero when none). */
export function countByStatus(executions: readonly ExecutionFact[]): Record<ExecutionStatus, number> {
  const counts = Object.fromEntries(executionStatuses.map((status) => [status, 0])) as Record<ExecutionStatus, number>;
  for (const { status } of executions) if (status in counts) counts[status as ExecutionStatus] += 1;
  return counts;
}

/** A workflow's health from the executions started in the window. */
export function healthOf(executions: readonly ExecutionFact[], asOf: Date): Health {
  const unsuccessful = executions.filter((e) => unsuccessfulStatuses.has(e.status));
  if (unsuccessful.some((e) => asOf.getTime() - Date.parse(e.startDate) < dayMs)) return 'failing';
  return unsuccessful.length > 0 ? 'attention' : 'healthy';
}

/** One workflow's line on the status page. */
export function summarizeWorkflow(input: {
  workflow: string;
  stateMachine: string;
  /** Executions started in the window. */
  recent: readonly ExecutionFact[];
  running: number;
  asOf: Date;
  days: number;
  truncated: boolean;
}): WorkflowSummary {
  const since = windowStart(input.asOf, input.days).getTime();
  const recent = input.recent.filter((e) => Date.parse(e.startDate) >= since);
  return {
    workflow: input.workflow,
    stateMachine: input.stateMachine,
    health: healthOf(recent, input.asOf),
    running: input.running,
    started: countByStatus(recent),
    perDay: executionsPerDay(recent, input.asOf, input.days),
    truncated: input.truncated,
  };
}

/** Executions per day over every workflow, for the chart. */
export function combinedPerDay(workflows: readonly WorkflowSummary[], days: number): DayCount[] {
  return Array.from({ length: days }, (_, i) => ({
    date: workflows[0]?.perDay[i]?.date ?? '',
    total: workflows.reduce((sum, w) => sum + (w.perDay[i]?.total ?? 0), 0),
    unsuccessful: workflows.reduce((sum, w) => sum + (w.perDay[i]?.unsuccessful ?? 0), 0),
  }));
}

/** Hours from `since` to `asOf`, two decimals (36 s), never negative. */
export const ageHours = (since: string, asOf: Date): number =>
  Math.max(0, Math.round((asOf.getTime() - Date.parse(since)) / (hourMs / 100)) / 100);

/** The age bands pending approvals are counted in; a request of exactly 24 hours is in "1–3 days". */
export const approvalAgeBands = [
  { label: 'under 1 day', fromHours: 0 },
  { label: '1–3 days', fromHours: 24 },
  { label: '3–7 days', fromHours: 72 },
  { label: '7 days or more', fromHours: 168 },
] as const;

export interface ApprovalAges {
  total: number;
  /** 0 when nothing is pending. */
  oldestAgeHours: number;
  bands: Array<{ label: string; count: number }>;
}

/** Pending approvals counted by age band, and the oldest one's age. */
export function approvalsByAge(pending: ReadonlyArray<{ createdAt: string }>, asOf: Date): ApprovalAges {
  const ages = pending.map((p) => ageHours(p.createdAt, asOf));
  const bandOf = (age: number) => approvalAgeBands.findLastIndex((band) => age >= band.fromHours);
  return {
    total: ages.length,
    oldestAgeHours: ages.length > 0 ? Math.max(...ages) : 0,
    bands: approvalAgeBands.map((band, index) => ({
      label: band.label,
      count: ages.filter((age) => bandOf(age) === index).length,
    })),
  };
}

/** The gauges the `operationsMetrics` job publishes every five minutes (names are the metrics'). */
export interface OperationsGauges {
  PendingApprovals: number;
  OldestPendingApprovalAgeHours: number;
  /** Active accounts past their next rotation date with no rotation open. */
  RotationsDue: number;
  /** Open rotations past the date the administrator was asked to finish by. */
  RotationsOverdue: number;
  OpenIncidents: number;
  OpenDepartures: number;
}

export function operationsGauges(
  facts: {
    pendingApprovals: ReadonlyArray<{ createdAt: string }>;
    rotationsDue: number;
    rotationsOverdue: number;
    openIncidents: number;
    openDepartures: number;
  },
  asOf: Date,
): OperationsGauges {
  const ages = approvalsByAge(facts.pendingApprovals, asOf);
  return {
    PendingApprovals: ages.total,
    OldestPendingApprovalAgeHours: ages.oldestAgeHours,
    RotationsDue: facts.rotationsDue,
    RotationsOverdue: facts.rotationsOverdue,
    OpenIncidents: facts.openIncidents,
    OpenDepartures: facts.openDepartures,
  };
}

/** A pending account request as operations list it. */
export interface StuckApproval {
  requestId: string;
  platform: string;
  purpose: string;
  region: string;
  requesterId: string;
  createdAt: string;
  ageHours: number;
  approversAsked: number;
}

/** An active account past its next rotation date with no rotation open. */
export interface RotationDue {
  accountId: string;
  platform: string;
  region: string;
  nextRotationDue: string;
  hoursPastDue: number;
}

/** An open rotation past the date the administrator was asked to finish by. */
export interface RotationOverdue {
  accountId: string;
  rotationId: string;
  reason: string;
  status: string;
  startedAt: string;
  dueAt: string;
  hoursPastDue: number;
}

/** Everything the status page shows (GET /ops/status and /ops/status.json). */
export interface OperationsStatus {
  asOf: string;
  windowDays: number;
  workflows: WorkflowSummary[];
  executionsPerDay: DayCount[];
  approvals: ApprovalAges & { oldest: StuckApproval[] };
  rotations: { due: number; overdue: number; dueAccounts: RotationDue[]; overdueRotations: RotationOverdue[] };
  incidents: {
    open: number;
    oldest: Array<{
      incidentId: string;
      accountId: string;
      region: string;
      type: string;
      reportedAt: string;
      ageHours: number;
    }>;
  };
  departures: { open: number };
  /** Issue 19.2: how long each workflow waits for a person, what then happens, and the waits that ran out. */
  waits: { limits: WaitLimitRow[]; timedOut: NoticeRow[] };
  /** Issue 19.1: mail that bounced, was complained about, rejected or delayed, newest first. */
  mailFeedback: {
    recent: NoticeRow[];
    /** The people whose address does not take our mail now: new decisions pass them by (issue 19.1). */
    unreachable: UnreachableRow[];
  };
}

/** A person whose mail does not arrive, since when and why (the latest report). */
export interface UnreachableRow {
  staffId: string;
  name: string;
  kind: string;
  type: string;
  since: string;
}

/** One waiting state of a workflow with its limit under the active profile. */
export interface WaitLimitRow {
  workflow: string;
  states: string[];
  limitHours: number;
  escalatedTo: string;
  closedHow: string;
}

/** An operations notice as the status page lists it. */
export interface NoticeRow {
  at: string;
  subject: string;
  summary: string;
}

/** A duration as people read it: `850 ms`, `42 s`, `3 min 5 s`, `2 h 10 min`, `4 d 3 h`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86_400)
    return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86_400)} d${Math.floor((s % 86_400) / 3600) ? ` ${Math.floor((s % 86_400) / 3600)} h` : ''}`;
}
