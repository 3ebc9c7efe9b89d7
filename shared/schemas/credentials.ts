/** An account's login as administrators store it and authorized staff reveal it. */
import * as z from 'zod/mini';
import { id, isoTimestamp, nonEmptyText, orderedRange } from './common.ts';

export const credentialBody = z.strictObject({
  username: z.string().check(z.minLength(1), z.maxLength(256)),
  password: z.string().check(z.minLength(12), z.maxLength(512)),
  /** The platform's 2FA (TOTP) secret; custody stays with the administrators. */
  twoFactorSecret: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  recoveryCodes: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(128))).check(z.maxLength(50))),
});
export type Credential = z.infer<typeof credentialBody>;

export const credentialView = z.object({
  username: z.string(),
  password: z.string(),
  versionId: z.string(),
  stage: z.enum(['current', 'pending']),
  twoFactorSecret: z.optional(z.string()),
  recoveryCodes: z.optional(z.array(z.string())),
});

export const credentialQuery = z.object({ version: z.optional(z.enum(['current', 'pending'])) });

export const rotationBody = z.strictObject({ reason: z.optional(nonEmptyText(500)) });
export const rotationParams = z.object({ accountId: id, rotationId: z.string().check(z.regex(/^[0-9a-f-]{36}$/)) });
export const rotationView = z.object({
  rotationId: z.string(),
  accountId: z.string(),
  status: z.enum(['requested', 'pending', 'confirmed', 'cancelled']),
  reason: z.string(),
  requestedBy: z.string(),
  startedAt: isoTimestamp,
  dueAt: isoTimestamp,
  confirmedAt: z.optional(isoTimestamp),
  confirmedBy: z.optional(z.string()),
});

/** Issue 19.3: newest first, a page at a time (`cursor` from `nextCursor`), between `from` and `to`, JSON or CSV. */
export const auditQuery = z
  .object({
    limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500))),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(400))),
    from: z.optional(isoTimestamp),
    to: z.optional(isoTimestamp),
    format: z.optional(z.enum(['json', 'csv'])),
  })
  .check(orderedRange);
export const auditList = z.object({
  items: z.array(
    z.object({
      action: z.string(),
      actorId: z.string(),
      at: isoTimestamp,
      details: z.optional(z.record(z.string(), z.unknown())),
    }),
  ),
  /** Opaque: pass it back as `cursor` for the next (older) page; absent on the last page. */
  nextCursor: z.optional(z.string()),
});
