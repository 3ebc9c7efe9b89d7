/**
 * Litigation holds and the disposal log (CT-06): while a hold is active on a case or account, none of
 * its records is disposed of.
 */
import * as z from 'zod/mini';
import { id, isoTimestamp } from './common.ts';

const reason = z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(2000, 'at most 2000 characters'));
export const holdId = z.string().check(z.regex(/^hld_[A-Za-z0-9_-]{22}$/, 'a hold id (hld_…)'));

export const placeHoldBody = z
  .strictObject({
    caseId: z.optional(id),
    accountId: z.optional(id),
    /** An account request and its decisions (CT-06). */
    requestId: z.optional(id),
    /** A post suggestion and its history (CT-06). */
    suggestionId: z.optional(id),
    reason: reason.check(z.describe('Why records must be kept: the matter, court or request.')),
  })
  .check(
    z.refine(
      (body) =>
        [body.caseId, body.accountId, body.requestId, body.suggestionId].filter((v) => v !== undefined).length === 1,
      { message: 'exactly one of caseId, accountId, requestId, suggestionId', path: ['caseId'] },
    ),
    z.describe(
      'Holds every record of one case or one account (its contacts, incidents and audit trail), or one account ' +
        'request or post suggestion with its decisions: name exactly one of caseId, accountId, requestId, ' +
        'suggestionId.',
    ),
    z.meta({ examples: [{ caseId: 'case-2026-00417', reason: 'Subpoena 26-CV-1182, Sevier County Chancery Court' }] }),
  );

export const liftHoldBody = z
  .strictObject({ reason })
  .check(z.meta({ examples: [{ reason: 'Matter 26-CV-1182 closed by final order' }] }));
export const holdParams = z.object({ holdId });
export const holdsQuery = z.strictObject({ status: z.optional(z.enum(['active', 'lifted'])) });

export const placed = z.object({ holdId }).check(z.meta({ examples: [{ holdId: 'hld_R2d9Xc0qLw8ZsT4mKp1yBv' }] }));

export const holdView = z.object({
  holdId,
  caseId: z.optional(z.string()),
  accountId: z.optional(z.string()),
  requestId: z.optional(z.string()),
  suggestionId: z.optional(z.string()),
  reason: z.string(),
  status: z.enum(['active', 'lifted']),
  /** The region whose director may lift it (operations may lift any). */
  region: z.string(),
  placedBy: z.string(),
  placedAt: isoTimestamp,
  liftedBy: z.optional(z.string()),
  liftedAt: z.optional(isoTimestamp),
  liftReason: z.optional(z.string()),
});
export type Hold = z.infer<typeof holdView>;
export const holdList = z.object({ items: z.array(holdView) });

export const disposalsQuery = z.strictObject({
  date: z.iso.date().check(z.describe('The day (UTC) the disposal job ran.')),
});
export const disposalView = z.object({
  /** A contact record's; other records name their kind and id instead (CT-06). */
  contactId: z.optional(z.string()),
  caseId: z.optional(z.string()),
  accountId: z.optional(z.string()),
  occurredAt: z.optional(isoTimestamp),
  recordKind: z.optional(z.enum(['incident', 'post-suggestion', 'account-request', 'audit-entry'])),
  recordId: z.optional(z.string()),
  retainUntil: isoTimestamp,
  disposedAt: isoTimestamp,
  retentionSchedule: z.object({ profile: z.string(), days: z.int() }),
  job: z.string().check(z.describe('The scheduled job that disposed of it.')),
});
export type DisposalEntry = z.infer<typeof disposalView>;
export const disposalList = z.object({ items: z.array(disposalView) });
