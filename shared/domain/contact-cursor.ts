/**
 * The opaque `cursor` of contact lists: base64url of the last record's occurredAt and id. It
 * carries a position and nothing else; the partition (which case, account or worker) always comes
 * from the request, which is authorized on its own, so a forged cursor can at most skip records
 * of a list the caller may read anyway. Decoding is strict: anything but that exact shape is 400.
 */
import { decodeOpaqueCursor, encodeOpaqueCursor } from './opaque-cursor.ts';

export interface CursorPosition {
  occurredAt: string;
  contactId: string;
}

const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const contactIdPattern = /^ctc_[A-Za-z0-9_-]{22}$/;

export const encodeCursor = (position: CursorPosition): string =>
  encodeOpaqueCursor({ o: position.occurredAt, c: position.contactId });

/** The position a cursor names; 400 naming `query.cursor` for anything else. */
export function decodeCursor(cursor: string): CursorPosition {
  const { o, c } = decodeOpaqueCursor(cursor, { o: timestamp, c: contactIdPattern });
  return { occurredAt: o, contactId: c };
}
