/**
 * SCIM filters as identity providers send them to find a resource before creating it: one `eq`
 * on an attribute that names at most one resource. scimmy parses the expression (RFC 7644 §3.4.2.2
 * grammar); anything beyond the supported forms is `invalidFilter`, never a silent empty answer.
 */
import SCIMMY from 'scimmy';
import { ScimError } from './errors.ts';

/** A parsed `attribute eq "value"` filter, the attribute spelled as the caller allowed it. */
export interface EqualityFilter {
  attribute: string;
  value: string;
}

const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter');

/** Parses `filter` into one equality on one of `allowed` (case-insensitive attribute names). */
export function parseEqualityFilter(filter: string, allowed: readonly string[]): EqualityFilter {
  let parsed: Array<Record<string, unknown>>;
  try {
    parsed = [...new SCIMMY.Types.Filter(filter)] as Array<Record<string, unknown>>;
  } catch (error) {
    throw invalidFilter(`The filter does not parse: ${(error as Error).message}`);
  }
  const terms = parsed.length === 1 ? Object.entries(parsed[0]!) : [];
  const [name, comparison] = terms.length === 1 ? terms[0]! : [];
  const attribute = allowed.find((a) => a.toLowerCase() === name?.toLowerCase());
  if (!attribute || !Array.isArray(comparison))
    throw invalidFilter(`Supported filters: ${allowed.map((a) => `${a} eq "…"`).join(', ')}.`);
  const [operator, value] = comparison as [unknown, unknown];
  if (String(operator).toLowerCase() !== 'eq' || typeof value !== 'string')
    throw invalidFilter(`Only \`${attribute} eq "<string>"\` is supported.`);
  return { attribute, value };
}

/** RFC 7644 §3.4.2.4 paging: 1-based startIndex, count capped; nonsense values clamp rather than fail. */
export function paging(query: Record<string, string | undefined>): { startIndex: number; count: number } {
  const start = Number.parseInt(query.startIndex ?? '1', 10);
  const count = Number.parseInt(query.count ?? '100', 10);
  return {
    startIndex: Number.isFinite(start) && start >= 1 ? start : 1,
    count: Number.isFinite(count) ? Math.min(Math.max(count, 0), 200) : 100,
  };
}
