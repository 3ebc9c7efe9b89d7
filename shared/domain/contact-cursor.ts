/**
 * The opaque `cursor` of contact lists: base64url of the last record's occurredAt and id. It
 * carries a position and nothing else; the partition (which case, account or worker) always comes
 * from the request, which is authorized on its own, so a forged cursor can at most skip records
 * of a list the caller may read anyway. Decoding is strict: anything but that exact shape is 400.
 */
import { ValidationError } from '../errors.ts';

export interface CursorPosition {
  occurredAt: string;
  contactId: string;
}

const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const contactIdPattern = /^ctc_[A-Za-z0-9_-]{22}$/;

export const encodeCursor = (position: CursorPosition): string =>
  Buffer.from(JSON.stringify({ o: position.occurredAt, c: position.contactId })).toString('base64url');

/** The position a cursor names; 400 naming `query.cursor` for anything else. */
export function decodeCursor(cursor: string): CursorPosition {
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
  const { o, c, ...rest } = value as Record<string, unknown>;
  if (
    Object.keys(rest).length > 0 ||
    typeof o !== 'string' ||
    typeof c !== 'string' ||
    !timestamp.test(o) ||
    !contactIdPattern.test(c)
  )
    throw invalid();
  return { occurredAt: o, contactId: c };
}
