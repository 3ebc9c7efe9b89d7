/** Access grants (TN-07, NJ-02, NJ-09, NJ-10) and HR acknowledgments (CT-08). */
import * as z from 'zod/mini';
import { id, isoTimestamp, nonEmptyText } from './common.ts';

export const grantBody = z.strictObject({
  staffId: id,
  /** NJ-09: limited-duration access states when it ends. */
  expiresAt: z.optional(isoTimestamp),
  /** NJ-10: the department-issued device a mobile-only platform is used on. */
  device: z.optional(nonEmptyText(120)),
  /** NJ-03: what the access is for, so a reviewer can tell whether logging in was needed. */
  accessPurpose: z.optional(nonEmptyText(1000)),
  /** NJ-03: whether public information, without logging in, would have sufficed. */
  publicInformationSufficed: z.optional(z.boolean()),
});

export const grantView = z.object({
  accountId: z.string(),
  staffId: z.string(),
  office: z.string(),
  grantedBy: z.string(),
  grantedAt: isoTimestamp,
  expiresAt: z.optional(isoTimestamp),
  device: z.optional(z.string()),
  accessPurpose: z.optional(z.string()),
  publicInformationSufficed: z.optional(z.boolean()),
  active: z.boolean(),
  /** `in-force`, `pending` (NJ-02: approvers still deciding), `lapsed` (undecided in time), `expired` (NJ-09). */
  state: z.optional(z.enum(['in-force', 'pending', 'lapsed', 'expired'])),
  /** NJ-02: the approval request, its deadline, the approvers and their decisions. */
  status: z.optional(z.literal('pending')),
  requestId: z.optional(z.string()),
  requestedAt: z.optional(isoTimestamp),
  decideBy: z.optional(isoTimestamp),
  approvers: z.optional(z.array(z.object({ role: z.string(), staffId: z.string() }))),
  approvals: z.optional(
    z.array(
      z.object({
        role: z.string(),
        approverId: z.string(),
        onBehalfOf: z.optional(z.string()),
        decision: z.string(),
        comment: z.string(),
        decidedAt: isoTimestamp,
      }),
    ),
  ),
});
export const grantList = z.object({ items: z.array(grantView) });
export const grantParams = z.object({ accountId: id, staffId: id });

export const acknowledgmentBody = z.strictObject({
  acknowledgedAt: isoTimestamp,
  /** CT-09: when the person was trained; required (issue 17.2). */
  trainingCompletedAt: isoTimestamp,
  documentId: z.optional(nonEmptyText(200)),
});
/** The record HR keeps: the terms acknowledged (rule ids with their wording) and the training date. */
export const acknowledgmentView = z.object({
  staffId: z.string(),
  acknowledgedAt: isoTimestamp,
  trainingCompletedAt: isoTimestamp,
  terms: z.array(z.object({ rule: z.string(), wording: z.string() })),
  profile: z.string(),
  documentId: z.optional(z.string()),
  recordedBy: z.string(),
  recordedAt: isoTimestamp,
});
export const staffParams = z.object({ staffId: id });
