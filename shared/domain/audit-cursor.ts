/**
 * The opaque `cursor` of an account's audit trail (issue 19.3): base64url of the last entry's sort key.
 * It carries a position and nothing else; the account always comes from the request, which is authorized
 * on its own. Decoding is strict: anything but that exact shape is 400.
 */
import { ValidationError } from '../errors.ts';

const sortKey = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[A-Za-z0-9_-]{1,16}$/;

export const encodeAuditCursor = (sk: string): string => Buffer.from(JSON.stringify({ s: sk })).toString('base64url');

/** The sort key a cursor names; 400 naming `query.cursor` for anything else. */
export function decodeAuditCursor(cursor: string): string {
  const invalid = () =>
    new ValidationError('The cursor is not one this API issued.', [
      { field: 'query.cursor', message: 'pass nextCursor exactly as received' },
    ]);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid();
  const { s, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof s !== 'string' || !sortKey.test(s)) throw invalid();
  return s;
}
