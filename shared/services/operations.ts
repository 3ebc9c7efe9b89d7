/**
 * What operations staff watch: workflows and their health, approvals waiting too long, rotations
 * due or overdue, open incidents and departures. Every read is a Query on a key or an index
 * (shared/adapters/ document each), or ListExecutions per state machine; the numbers are
 * summarized in shared/domain/operations.ts. The status page, its JSON, the `operationsMetrics`
 * job and the ops CLI (tools/ops.ts) all read through here.
 */
import { pendingRequestsCreatedBefore } from '../adapters/account-requests.ts';
import { accountsDueForRotation } from '../adapters/accounts.ts';
import { openDepartures } from '../adapters/departures.ts';
import { openIncidents } from '../adapters/incidents.ts';
import { getDirectoryEntry, listedUnreachable } from '../adapters/directory.ts';
import { recentOpsNotices } from '../adapters/ops-notices.ts';
import { openRotationsDueBefore } from '../adapters/rotations.ts';
import { listExecutions } from '../adapters/workflow-executions.ts';
import { stateMachineArn } from '../config.ts';
import {
  ageHours,
  approvalsByAge,
  combinedPerDay,
  operationsGauges,
  summarizeWorkflow,
  windowStart,
  type OperationsGauges,
  type OperationsStatus,
  type RotationDue,
  type RotationOverdue,
  type StuckApproval,
  type UnreachableRow,
  type WorkflowSummary,
} from '../domain/operations.ts';
import { waitingStates, waitLimitSeconds, waitOutcomes, type WaitingWorkflow } from '../domain/wait-limits.ts';
import { isUnreachable, type MailUnreachable } from '../domain/mail-reach.ts';
import { activeProfile } from '../policy/index.ts';
import { gaugeMetric } from '../telemetry.ts';
import { workflows, type WorkflowDefinition } from '../workflows.ts';

/** Days of executions the status page counts and charts. */
export const statusWindowDays = 14;
/** Executions read per state machine and window; beyond it the counts say they are truncated. */
const executionsReadLimit = 5000;
/** Rows the page lists per section (the counts cover everything). */
const listedRows = 10;

/** Pending account requests created more than `olderThanMs` before `asOf`, oldest first. */
export async function stuckApprovals(olderThanMs: number, asOf = new Date()): Promise<StuckApproval[]> {
  const pending = await pendingRequestsCreatedBefore(new Date(asOf.getTime() - olderThanMs).toISOString());
  return pending.map((request) => ({
    requestId: request.requestId,
    platform: request.platform,
    purpose: request.purpose,
    region: request.region,
    requesterId: request.requesterId,
    createdAt: request.createdAt,
    ageHours: ageHours(request.createdAt, asOf),
    approversAsked: request.askedSlots.length,
  }));
}

/**
 * Rotations needing a person as of `asOf`. Due: active accounts past their next rotation date with
 * no rotation open (the schedule should have started one). Overdue: open rotations past the date
 * the administrator was asked to finish by.
 */
export async function rotationsNeedingAttention(
  asOf = new Date(),
): Promise<{ due: RotationDue[]; overdue: RotationOverdue[] }> {
  const at = asOf.toISOString();
  const [due, overdue] = await Promise.all([accountsDueForRotation(at), openRotationsDueBefore(at)]);
  return {
    due: due.map((a) => ({
      accountId: a.accountId,
      platform: a.platform,
      region: a.region,
      nextRotationDue: a.nextRotationDue,
      hoursPastDue: ageHours(a.nextRotationDue, asOf),
    })),
    overdue: overdue.map((r) => ({
      accountId: r.accountId,
      rotationId: r.rotationId,
      reason: r.reason,
      status: r.status,
      startedAt: r.startedAt,
      dueAt: r.dueAt,
      hoursPastDue: ageHours(r.dueAt, asOf),
    })),
  };
}

/** The gauges as of `asOf`. */
export async function currentGauges(asOf = new Date()): Promise<OperationsGauges> {
  const [pending, rotations, incidents, departures] = await Promise.all([
    stuckApprovals(0, asOf),
    rotationsNeedingAttention(asOf),
    openIncidents(),
    openDepartures(),
  ]);
  return operationsGauges(
    {
      pendingApprovals: pending,
      rotationsDue: rotations.due.length,
      rotationsOverdue: rotations.overdue.length,
      openIncidents: incidents.length,
      openDepartures: departures.length,
    },
    asOf,
  );
}

/** The `operationsMetrics` job: the gauges into this invocation's metrics (flushed as one EMF record). */
export async function publishOperationsMetrics(asOf = new Date()): Promise<OperationsGauges> {
  const gauges = await currentGauges(asOf);
  for (const [name, value] of Object.entries(gauges))
    gaugeMetric(name, value, name.endsWith('Hours') ? 'None' : 'Count');
  return gauges;
}

/** Every workflow's executions in the window and running now, summarized. */
export async function workflowSummaries(asOf = new Date(), days = statusWindowDays): Promise<WorkflowSummary[]> {
  const since = windowStart(asOf, days);
  return Promise.all(
    (Object.entries(workflows) as Array<[string, WorkflowDefinition]>).map(async ([key, workflow]) => {
      const arn = stateMachineArn(workflow.envVar);
      const [recent, running] = await Promise.all([
        listExecutions(arn, { since, limit: executionsReadLimit }),
        listExecutions(arn, { status: 'RUNNING', limit: executionsReadLimit }),
      ]);
      return summarizeWorkflow({
        workflow: key,
        stateMachine: workflow.name,
        recent: recent.executions,
        running: running.executions.length,
        asOf,
        days,
        truncated: recent.truncated || running.truncated,
      });
    }),
  );
}

/** Who is listed as unreachable and still is (the address that failed is still theirs). */
async function unreachablePeople(): Promise<UnreachableRow[]> {
  const entries = await Promise.all((await listedUnreachable(listedRows)).map((id) => getDirectoryEntry(id)));
  return entries.flatMap((entry) => {
    const person = entry as (typeof entry & { mailUnreachable?: MailUnreachable }) | undefined;
    if (!person?.mailUnreachable || !isUnreachable(person)) return [];
    const { kind, type, since } = person.mailUnreachable;
    return [{ staffId: person.staffId, name: person.name, kind, type, since }];
  });
}

/** Everything the status page shows (GET /ops/status and /ops/status.json). */
export async function operationsStatus(asOf = new Date(), days = statusWindowDays): Promise<OperationsStatus> {
  const since = windowStart(asOf, days).toISOString();
  const [summaries, pending, rotations, incidents, departures, timedOut, mailFeedback, unreachable] = await Promise.all(
    [
      workflowSummaries(asOf, days),
      stuckApprovals(0, asOf),
      rotationsNeedingAttention(asOf),
      openIncidents(),
      openDepartures(),
      recentOpsNotices('wait-timed-out', since, listedRows),
      recentOpsNotices('mail-feedback', since, listedRows),
      unreachablePeople(),
    ],
  );
  const limits = waitLimitSeconds(activeProfile());
  const noticeRow = (n: { at: string; subject: string; summary: string }) => ({
    at: n.at,
    subject: n.subject,
    summary: n.summary,
  });
  return {
    asOf: asOf.toISOString(),
    windowDays: days,
    workflows: summaries,
    executionsPerDay: combinedPerDay(summaries, days),
    approvals: { ...approvalsByAge(pending, asOf), oldest: pending.slice(0, listedRows) },
    rotations: {
      due: rotations.due.length,
      overdue: rotations.overdue.length,
      dueAccounts: rotations.due.slice(0, listedRows),
      overdueRotations: rotations.overdue.slice(0, listedRows),
    },
    incidents: {
      open: incidents.length,
      // What kind, where and since when; never the description, which may name a child.
      oldest: incidents
        .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt))
        .slice(0, listedRows)
        .map((i) => ({
          incidentId: i.incidentId,
          accountId: i.accountId,
          region: i.region,
          type: i.type,
          reportedAt: i.reportedAt,
          ageHours: ageHours(i.reportedAt, asOf),
        })),
    },
    departures: { open: departures.length },
    waits: {
      limits: (Object.keys(waitingStates) as WaitingWorkflow[]).map((workflow) => ({
        workflow,
        states: [...waitingStates[workflow]],
        limitHours: Math.round(limits[workflow] / 3600),
        ...waitOutcomes[workflow],
      })),
      timedOut: timedOut.map(noticeRow),
    },
    mailFeedback: { recent: mailFeedback.map(noticeRow), unreachable },
  };
}
