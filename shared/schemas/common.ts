/** Schemas every capability shares: identifiers, timestamps and the contract's error body. */
import * as z from 'zod/mini';

/** Identifiers the system mints: a short type prefix and a random ULID-like body. */
export const id = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9._:-]+$/));
export const isoTimestamp = z.iso.datetime({ offset: true });
/**
 * A `from`/`to` query range must not run backwards: each bound is a valid timestamp on its own, so only
 * their order is left to check (found by the route fuzzer: a reversed range reached DynamoDB as an
 * impossible key condition and answered 500).
 */
export const orderedRange = z.refine<{ from?: string | undefined; to?: string | undefined }>(
  ({ from, to }) => from === undefined || to === undefined || Date.parse(from) <= Date.parse(to),
  { message: '`from` is after `to`', path: ['from'] },
);
export const nonEmptyText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
    /** Every rule a refusal cites, when a combination of profiles gives it several (CT-02). */
    rules: z.optional(z.array(z.string())),
  }),
});

export const healthBody = z.object({ status: z.literal('ok') });
