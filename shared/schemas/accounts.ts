/** Official accounts (TN-01, TN-05) as the API shows them; field names are the contract's. */
import * as z from 'zod/mini';
import { accountPurposes } from '../policy/vocabulary.ts';
import { id, isoTimestamp, nonEmptyText } from './common.ts';

export const accountView = z.object({
  accountId: z.string(),
  status: z.enum(['active', 'suspended', 'retired']),
  platform: z.string(),
  purpose: z.enum(accountPurposes),
  region: z.string(),
  displayName: z.optional(z.string()),
  aboutText: z.string(),
  administratorId: z.string(),
  backupAdministratorId: z.string(),
  /**
   * The region's directors when the account was approved, kept as a record; access follows the
   * directory's directors of the region at each request (issue 16.6), never this list.
   */
  directorIds: z.array(z.string()),
  requestId: z.string(),
  approvedAt: isoTimestamp,
  lastRotatedAt: z.nullable(isoTimestamp),
  nextRotationDue: isoTimestamp,
  /**
   * The conduct terms the account was approved under (TN-08, DC-06, NJ-08), as its people were told;
   * absent on accounts approved before terms were kept.
   */
  terms: z.optional(z.array(z.object({ rule: z.string(), term: z.string() }))),
});
export type Account = z.infer<typeof accountView>;

export const accountIdParams = z.object({ accountId: id });

/** DC-01: why oversight suspends or reinstates the account; kept in its audit trail. */
export const suspensionBody = z.strictObject({ reason: nonEmptyText(2000) });

/** MO-04: what central office reviewed on the account and how it responded. */
export const monitoringBody = z.strictObject({
  note: nonEmptyText(2000),
  /** How many messages were responded to, where the review counted them. */
  respondedTo: z.optional(z.int().check(z.minimum(0))),
});
export const monitoringView = z.object({
  accountId: z.string(),
  monitoredBy: z.string(),
  monitoredAt: isoTimestamp,
  note: z.string(),
  respondedTo: z.optional(z.int()),
  /** The rule the record is evidence for. */
  rule: z.string(),
});
export const accountList = z.object({ items: z.array(accountView) });
export const listAccountsQuery = z.object({ region: z.optional(z.string().check(z.regex(/^[a-z0-9-]{2,64}$/))) });
