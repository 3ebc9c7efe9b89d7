/** zod issues as the contract's `details`: one entry per bad field, with a dotted path. */
import type * as z from 'zod/mini';
import { ValidationError, type ErrorDetail } from '../errors.ts';

export function issuesToDetails(issues: readonly z.core.$ZodIssue[], prefix: string): ErrorDetail[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.');
    // zod's default messages say what was expected without echoing the received value.
    return {
      field: field || prefix,
      message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
    };
  });
}

/** Parses `value` with `schema` or throws a 400 naming each bad field under `prefix`. */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, value: unknown, prefix: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.infer<S>;
  throw new ValidationError(`The request's ${prefix} is invalid.`, issuesToDetails(result.error.issues, prefix));
}
