/** Schemas every capability shares: identifiers, timestamps and the contract's error body. */
import * as z from 'zod/mini';

/** Identifiers the system mints: a short type prefix and a random ULID-like body. */
export const id = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9._:-]+$/));
export const isoTimestamp = z.iso.datetime({ offset: true });
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
