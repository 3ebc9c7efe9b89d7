/** Incidents on official accounts (TN-06, TN-14, NJ-05) and staff departures (TN-10). */
import * as z from 'zod/mini';
import { id, isoTimestamp, nonEmptyText } from './common.ts';

export const incidentTypes = [
  'inappropriate-activity',
  'suspected-abuse-or-neglect',
  'account-compromise',
  'other',
] as const;

export const incidentBody = z.strictObject({
  accountId: id,
  type: z.enum(incidentTypes),
  /** What was seen. Kept on the record only: emails say what kind of incident, never this. */
  description: nonEmptyText(4000),
  observedAt: isoTimestamp,
});

export const incidentParams = z.object({ incidentId: z.string().check(z.regex(/^inc_[A-Za-z0-9_-]{22}$/)) });
export const hotlineReportBody = z.strictObject({
  /** The hotline's reference for the report (TN-14). */
  reference: nonEmptyText(120),
  reportedAt: z.optional(isoTimestamp),
});

export const incidentView = z.object({
  incidentId: z.string(),
  accountId: z.string(),
  region: z.string(),
  type: z.enum(incidentTypes),
  description: z.string(),
  observedAt: isoTimestamp,
  reportedBy: z.string(),
  reportedAt: isoTimestamp,
  status: z.enum(['open', 'notified', 'closed']),
  hotlineReport: z.optional(z.object({ reference: z.string(), reportedAt: isoTimestamp, recordedBy: z.string() })),
  rotationId: z.optional(z.string()),
  /** Who holds the account's 2FA secret and recovery codes (the designated administrators). */
  recoveryCustodians: z.array(z.string()),
});

export const departureBody = z.strictObject({
  staffId: id,
  standing: z.enum(['good', 'bad']),
  departedAt: isoTimestamp,
});
/** HR's reason for reinstating a person recorded as departed in error (issue 16.4). */
export const reinstateBody = z.strictObject({ reason: nonEmptyText(1000) });
/** HR's correction of a departure's standing (issue 15.2). */
export const standingBody = z.strictObject({ standing: z.enum(['good', 'bad']), reason: nonEmptyText(1000) });
export const departureParams = z.object({ departureId: z.string().check(z.regex(/^dep_[A-Za-z0-9_-]{22}$/)) });

export const leaverAccount = z.object({
  accountId: z.string(),
  platform: z.string(),
  region: z.string(),
  /** How the person could reveal it: a grant, as an administrator, as a director, as a supervisor. */
  access: z.array(z.enum(['grant', 'designated-administrator', 'director', 'supervisor'])),
  reveals: z.array(isoTimestamp),
  lastRevealAt: z.nullable(isoTimestamp),
  lastRotatedAt: z.nullable(isoTimestamp),
  /** Whether the password changed after the person last saw it (or after the departure, if never). */
  passwordChangedSince: z.boolean(),
  /** The person could see the 2FA secret and recovery codes, which a rotation keeps: renew them on the platform. */
  renewSecondFactor: z.boolean(),
  /** TN-05: the back-up administrator succeeds a departing designated administrator (2FA, recovery codes). */
  successorCustodian: z.optional(z.string()),
});

export const departureView = z.object({
  departureId: z.string(),
  staffId: z.string(),
  standing: z.enum(['good', 'bad']),
  departedAt: isoTimestamp,
  reportedBy: z.string(),
  reportedAt: isoTimestamp,
  status: z.enum(['awaiting-email-removal', 'rotating', 'completed', 'reinstated']),
  reinstatedAt: z.optional(isoTimestamp),
  reinstatedBy: z.optional(z.string()),
  reinstatedReason: z.optional(z.string()),
  standingCorrections: z.optional(
    z.array(
      z.object({
        from: z.enum(['good', 'bad']),
        to: z.enum(['good', 'bad']),
        by: z.string(),
        at: isoTimestamp,
        reason: z.string(),
      }),
    ),
  ),
  revokedGrants: z.array(z.string()),
  emailAccessRemovedAt: z.optional(isoTimestamp),
  rotations: z.array(
    z.object({ accountId: z.string(), rotationId: z.optional(z.string()), note: z.optional(z.string()) }),
  ),
  voided: z.optional(z.object({ links: z.number(), delegations: z.number() })),
  positions: z.optional(
    z.array(
      z.object({
        kind: z.enum(['administrator', 'backup-administrator', 'approval-step']),
        region: z.string(),
        accountId: z.optional(z.string()),
        requestId: z.optional(z.string()),
        slot: z.optional(z.number()),
        role: z.optional(z.string()),
      }),
    ),
  ),
  report: z.array(leaverAccount),
});
