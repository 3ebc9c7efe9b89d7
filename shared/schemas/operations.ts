/** The operations status (GET /ops/status.json) as the contract describes it. */
import * as z from 'zod/mini';
import { executionStatuses } from '../domain/operations.ts';
import { type WorkflowKey, workflows } from '../workflows.ts';
import { isoTimestamp } from './common.ts';

const statusCounts = z.object({
  RUNNING: z.number(),
  SUCCEEDED: z.number(),
  FAILED: z.number(),
  TIMED_OUT: z.number(),
  ABORTED: z.number(),
  PENDING_REDRIVE: z.number(),
});
const dayCount = z.object({ date: z.string(), total: z.number(), unsuccessful: z.number() });

/** An operations notice (issue 19): when, about what, and what happened. */
const noticeRow = z.object({ at: isoTimestamp, subject: z.string(), summary: z.string() });

export const operationsStatusView = z.object({
  asOf: isoTimestamp,
  /** Days counted and charted, ending today (UTC). */
  windowDays: z.number(),
  workflows: z.array(
    z.object({
      workflow: z.string(),
      stateMachine: z.string(),
      /**
       * failing: an execution failed, timed out or was aborted in the last 24 hours; attention: earlier
       * in the window.
       */
      health: z.enum(['healthy', 'attention', 'failing']),
      running: z.number(),
      /** Executions started in the window, by status. */
      started: statusCounts,
      perDay: z.array(dayCount),
      truncated: z.boolean(),
    }),
  ),
  executionsPerDay: z.array(dayCount),
  approvals: z.object({
    total: z.number(),
    oldestAgeHours: z.number(),
    bands: z.array(z.object({ label: z.string(), count: z.number() })),
    oldest: z.array(
      z.object({
        requestId: z.string(),
        platform: z.string(),
        purpose: z.string(),
        region: z.string(),
        requesterId: z.string(),
        createdAt: isoTimestamp,
        ageHours: z.number(),
        approversAsked: z.number(),
      }),
    ),
  }),
  rotations: z.object({
    /** Active accounts past their next rotation date with no rotation open. */
    due: z.number(),
    /** Open rotations past the date the administrator was asked to finish by. */
    overdue: z.number(),
    dueAccounts: z.array(
      z.object({
        accountId: z.string(),
        platform: z.string(),
        region: z.string(),
        nextRotationDue: isoTimestamp,
        hoursPastDue: z.number(),
      }),
    ),
    overdueRotations: z.array(
      z.object({
        accountId: z.string(),
        rotationId: z.string(),
        reason: z.string(),
        status: z.string(),
        startedAt: isoTimestamp,
        dueAt: isoTimestamp,
        hoursPastDue: z.number(),
      }),
    ),
  }),
  incidents: z.object({
    open: z.number(),
    oldest: z.array(
      z.object({
        incidentId: z.string(),
        accountId: z.string(),
        region: z.string(),
        type: z.string(),
        reportedAt: isoTimestamp,
        ageHours: z.number(),
      }),
    ),
  }),
  departures: z.object({ open: z.number() }),
  waits: z.object({
    limits: z.array(
      z.object({
        workflow: z.string(),
        states: z.array(z.string()),
        limitHours: z.number(),
        escalatedTo: z.string(),
        closedHow: z.string(),
      }),
    ),
    timedOut: z.array(noticeRow),
  }),
  mailFeedback: z.object({
    recent: z.array(noticeRow),
    /** Issue 19.1: who is unreachable now; new decisions go to another holder of the role while one exists. */
    unreachable: z.array(
      z.object({ staffId: z.string(), name: z.string(), kind: z.string(), type: z.string(), since: isoTimestamp }),
    ),
  }),
});

const workflowKey = z.enum(Object.keys(workflows) as [WorkflowKey, ...WorkflowKey[]]);
/** GET /ops/executions: one workflow's recent executions. */
export const executionsQuery = z.strictObject({
  workflow: workflowKey,
  status: z.optional(z.enum(executionStatuses)),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
});
const executionSummary = z.object({
  name: z.string(),
  status: z.string(),
  startDate: isoTimestamp,
  stopDate: z.optional(isoTimestamp),
});
export const executionList = z.object({
  workflow: z.string(),
  items: z.array(executionSummary),
  truncated: z.boolean(),
});
export const executionParams = z.object({
  workflow: workflowKey,
  name: z.string().check(z.minLength(1), z.maxLength(80), z.regex(/^[A-Za-z0-9_.:-]+$/)),
});
/** One execution and its timeline: names, times, durations and error names, never data. */
export const executionView = z.object({
  workflow: z.string(),
  name: z.string(),
  status: z.string(),
  startDate: isoTimestamp,
  stopDate: z.optional(isoTimestamp),
  error: z.optional(z.string()),
  /** How often it was redriven (issue 19.7). */
  redriveCount: z.number(),
  /** Present when Step Functions would redrive it now (failed, timed out or aborted, within 14 days). */
  redrivable: z.optional(z.literal(true)),
  events: z.array(
    z.object({
      offsetMs: z.number(),
      at: z.string(),
      event: z.string(),
      state: z.optional(z.string()),
      durationMs: z.optional(z.number()),
      error: z.optional(z.string()),
    }),
  ),
});

/** POST /ops/executions/{workflow}/{name}/redrive: the execution's status after the request. */
export const redriveView = z.object({
  workflow: z.string(),
  name: z.string(),
  status: z.string(),
  redriveCount: z.number(),
  redriven: z.boolean(),
});

/** POST /ops/staff/{staffId}/mail-reachable (issue 19.1): whether this call ended the unreachable mark. */
export const mailReachableView = z.object({ staffId: z.string(), cleared: z.boolean() });
