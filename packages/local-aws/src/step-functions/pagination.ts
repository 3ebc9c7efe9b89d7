/**
 * maxResults/nextToken as the list operations use them. Tokens are keyset cursors (the sort key of
 * the last item returned) rather than offsets, so executions started between two pages neither
 * repeat nor go missing; a token is bound to the request it came from, as AWS's are.
 */
import { invalidPageToken, validationFailed } from './errors.ts';

/** Sort position of an item: items are listed in ascending order of this tuple. */
export type SortKey = readonly [number, string];

interface Cursor {
  scope: string;
  after: SortKey;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

const compare = (a: SortKey, b: SortKey) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

function pageSize(maxResults: unknown): number {
  if (maxResults === undefined || maxResults === null || maxResults === 0) return DEFAULT_PAGE;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 0 || maxResults > MAX_PAGE) {
    throw validationFailed([
      `Value '${String(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less ` +
        `than or equal to ${MAX_PAGE}`,
    ]);
  }
  return maxResults;
}

function decode(token: string, scope: string): SortKey {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
    const after = cursor.after;
    if (
      cursor.scope === scope &&
      Array.isArray(after) &&
      typeof after[0] === 'number' &&
      typeof after[1] === 'string'
    ) {
      return [after[0], after[1]];
    }
  } catch {
    // Falls through to the same answer as a well-formed token for another request.
  }
  throw invalidPageToken();
}

/**
 * One page of `items` (any order) sorted by `keyOf`. `scope` names the request (operation and its
 * filters) so a token cannot be replayed against a different listing.
 */
export function page<T>(
  items: Iterable<T>,
  keyOf: (item: T) => SortKey,
  request: { maxResults?: unknown; nextToken?: unknown; scope: string },
): { items: T[]; nextToken?: string } {
  const size = pageSize(request.maxResults);
  const after =
    typeof request.nextToken === 'string' && request.nextToken !== ''
      ? decode(request.nextToken, request.scope)
      : undefined;
  const sorted = [...items].map((item) => ({ item, key: keyOf(item) })).sort((a, b) => compare(a.key, b.key));
  const remaining = after ? sorted.filter((entry) => compare(entry.key, after) > 0) : sorted;
  const chosen = remaining.slice(0, size);
  const last = chosen.at(-1);
  if (!last || remaining.length <= size) return { items: chosen.map((entry) => entry.item) };
  const cursor: Cursor = { scope: request.scope, after: last.key };
  return {
    items: chosen.map((entry) => entry.item),
    nextToken: Buffer.from(JSON.stringify(cursor)).toString('base64url'),
  };
}
