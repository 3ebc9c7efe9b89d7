/**
 * SCIM filters as identity providers send them to find a resource before creating it: `eq` on the
 * attributes a service lists, joined by `and` (Entra ID: "Only eq and and filter operators are used"),
 * a value filter on a multi-valued attribute included (`emails[type eq "work"].value eq "…"`). scimmy
 * parses the expression (RFC 7644 §3.4.2.2 grammar); anything beyond these forms is `invalidFilter`,
 * never a silent empty answer.
 */
import SCIMMY from 'scimmy';
import { ScimError } from './errors.ts';

/** A parsed `attribute eq "value"` filter, the attribute spelled as the caller allowed it. */
export interface EqualityFilter {
  attribute: string;
  value: string;
}

/** What an attribute path (lower case, sub-attributes dotted: `emails.value`) may be filtered as. */
export interface FilterAttribute {
  /** The name the service reads the value by. */
  attribute: string;
  type: 'string' | 'boolean';
  /** RFC 7643 `caseExact`: false compares strings case-insensitively (userName, emails). */
  caseExact?: boolean;
}

/** The attributes a resource can be filtered on, by lower-case path. */
export type FilterAttributes = Readonly<Record<string, FilterAttribute>>;

/** One `eq` of a filter's conjunction. */
export interface FilterTerm {
  attribute: string;
  value: string | boolean;
  caseExact: boolean;
}

const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter');

/** The comparisons of scimmy's parsed expression as [lower-case path, comparison] pairs. */
function comparisons(expression: Record<string, unknown>, prefix = ''): Array<[string, unknown[]]> {
  return Object.entries(expression).flatMap(([name, comparison]): Array<[string, unknown[]]> => {
    const path = `${prefix}${name.toLowerCase()}`;
    if (Array.isArray(comparison))
      // One attribute compared twice (`a eq "x" and a eq "y"`) comes as a list of comparisons.
      return Array.isArray(comparison[0])
        ? (comparison as unknown[][]).map((c) => [path, c])
        : [[path, comparison as unknown[]]];
    if (comparison && typeof comparison === 'object')
      return comparisons(comparison as Record<string, unknown>, `${path}.`);
    throw invalidFilter(`The filter on ${name} is not supported.`);
  });
}

/** Parses `filter` into `eq` terms on `attributes`, all of which must hold. */
export function parseFilter(filter: string, attributes: FilterAttributes): FilterTerm[] {
  let parsed: Array<Record<string, unknown>>;
  try {
    parsed = [...new SCIMMY.Types.Filter(filter)] as Array<Record<string, unknown>>;
  } catch (error) {
    throw invalidFilter(`The filter does not parse: ${(error as Error).message}`);
  }
  if (parsed.length !== 1) throw invalidFilter('Only `eq` comparisons joined by `and` are supported, not `or`.');
  const terms = comparisons(parsed[0]!).map(([path, comparison]) => {
    const known = attributes[path];
    if (!known) throw invalidFilter(`Filters can name ${Object.keys(attributes).join(', ')}; not ${path}.`);
    const [operator, value, ...rest] = comparison;
    if (String(operator).toLowerCase() !== 'eq' || rest.length > 0)
      throw invalidFilter(`Only \`eq\` is supported (${path}).`);
    if (typeof value !== known.type) throw invalidFilter(`${known.attribute} compares with a ${known.type}.`);
    return { attribute: known.attribute, value: value as string | boolean, caseExact: known.caseExact ?? false };
  });
  if (terms.length === 0) throw invalidFilter('The filter compares nothing.');
  return terms;
}

/** Whether every term holds; `valueAt` gives a resource's value (a list: any of them) of an attribute. */
export function matchesFilter(
  terms: readonly FilterTerm[],
  valueAt: (attribute: string) => string | boolean | readonly string[] | undefined,
): boolean {
  const same = (term: FilterTerm, actual: string | boolean) =>
    typeof actual === 'string' && typeof term.value === 'string' && !term.caseExact
      ? actual.toLowerCase() === term.value.toLowerCase()
      : actual === term.value;
  return terms.every((term) => {
    const actual = valueAt(term.attribute);
    if (actual === undefined) return false;
    return typeof actual === 'object' ? actual.some((a) => same(term, a)) : same(term, actual);
  });
}

/** The value the first `eq` term on `attribute` asks for, to look the resource up by an index. */
export function termValue(terms: readonly FilterTerm[], attribute: string): string | undefined {
  const term = terms.find((t) => t.attribute === attribute && typeof t.value === 'string');
  return term?.value as string | undefined;
}

/** Parses `filter` into one equality on one of `allowed` (case-insensitive attribute names). */
export function parseEqualityFilter(filter: string, allowed: readonly string[]): EqualityFilter {
  const attributes = Object.fromEntries(allowed.map((a) => [a.toLowerCase(), { attribute: a, type: 'string' }]));
  const terms = parseFilter(filter, attributes as FilterAttributes);
  if (terms.length !== 1) throw invalidFilter(`Supported filters: ${allowed.map((a) => `${a} eq "…"`).join(', ')}.`);
  return { attribute: terms[0]!.attribute, value: terms[0]!.value as string };
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
