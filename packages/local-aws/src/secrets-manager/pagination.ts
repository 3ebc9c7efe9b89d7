import { invalidNextToken } from './errors.ts';

const PREFIX = 'sm-local:';

/**
 * One page of `items` and the token for the next, which is opaque to callers (as AWS's are) and
 * rejected with InvalidNextTokenException when it is not one we handed out.
 */
export function paginate<T>(
  items: readonly T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  defaultMax: number,
): { page: T[]; nextToken?: string } {
  const start = nextToken === undefined ? 0 : offsetOf(nextToken);
  const end = start + (maxResults ?? defaultMax);
  const page = items.slice(start, end);
  return end < items.length ? { page, nextToken: Buffer.from(`${PREFIX}${end}`).toString('base64url') } : { page };
}

function offsetOf(token: string): number {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset < 0) throw invalidNextToken();
  return offset;
}
