/** Account-creation requests (TN-02) and their decisions, as the API takes and shows them. */
import * as z from 'zod/mini';
import { roles } from '../auth/roles.ts';
import { accountPurposes } from '../policy/vocabulary.ts';
import { id, isoTimestamp, nonEmptyText } from './common.ts';

export const createAccountRequestBody = z.strictObject({
  platform: z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9-]{1,32}$/)),
  purpose: z.enum(accountPurposes),
  region: z.string().check(z.regex(/^[a-z0-9-]{2,64}$/)),
  administratorId: id,
  backupAdministratorId: id,
  displayName: z.optional(nonEmptyText(120)),
});
export type CreateAccountRequest = z.infer<typeof createAccountRequestBody>;

export const requestIdParams = z.object({ requestId: id });

export const accepted = z.object({ requestId: z.string() });

export const requestStatus = z.enum(['pending', 'approved', 'rejected', 'expired', 'withdrawn']);

export const decisionView = z.object({
  role: z.enum(roles),
  approverId: z.string(),
  onBehalfOf: z.optional(z.string()),
  decision: z.enum(['approve', 'reject']),
  decidedAt: isoTimestamp,
  comment: z.string(),
});

export const accountRequestView = z.object({
  requestId: z.string(),
  status: requestStatus,
  requesterId: z.string(),
  platform: z.string(),
  purpose: z.enum(accountPurposes),
  region: z.string(),
  displayName: z.optional(z.string()),
  administratorId: z.string(),
  backupAdministratorId: z.string(),
  createdAt: isoTimestamp,
  expiresAt: isoTimestamp,
  /** Approver positions the profile requires, in order, with whoever was asked and the rules that require it. */
  approvers: z.array(
    z.object({
      role: z.enum(roles),
      staffId: z.string(),
      rules: z.optional(z.array(z.string())),
      decision: z.optional(z.enum(['approve', 'reject'])),
    }),
  ),
  /** The append-only written record TN-02 asks for. */
  approvals: z.array(decisionView),
  accountId: z.optional(z.string()),
  closedAt: z.optional(isoTimestamp),
  closedReason: z.optional(z.string()),
});

export const withdrawBody = z.strictObject({ reason: z.optional(nonEmptyText(1000)) });

/** Every choice a decision link may offer; each link offers some of them (shared/services/decision-subjects.ts). */
export const decisionChoices = ['approve', 'reject', 'forward', 'return', 'decline', 'hold'] as const;

export const decisionForm = z.strictObject({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  decision: z.enum(decisionChoices),
  comment: z.optional(z.string().check(z.maxLength(2000))),
  /** With `hold`: the date the held item comes back for review (YYYY-MM-DD). */
  holdUntil: z.optional(z.union([z.literal(''), z.iso.date()])),
});

export const approvalPageQuery = z.object({ token: z.optional(z.string().check(z.maxLength(200))) });
export const approvalParams = z.object({ approvalId: z.string().check(z.regex(/^apv_[A-Za-z0-9_-]{22}$/)) });

export const delegationBody = z.strictObject({
  delegateId: id,
  from: isoTimestamp,
  to: isoTimestamp,
});
export const delegationView = z.object({
  delegationId: z.string(),
  approverId: z.string(),
  delegateId: z.string(),
  from: isoTimestamp,
  to: isoTimestamp,
  revokedAt: z.optional(isoTimestamp),
  revokedBy: z.optional(z.string()),
});
export const delegationList = z.object({ given: z.array(delegationView), received: z.array(delegationView) });
export const delegationParams = z.object({ delegationId: z.string().check(z.regex(/^dlg_[A-Za-z0-9_-]{22}$/)) });
