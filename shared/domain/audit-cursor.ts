/**
 * The opaque `cursor` of an account's audit trail (issue 19.3): the last entry's sort key
 * (shared/domain/opaque-cursor.ts), a position and nothing else.
 */
import { decodeOpaqueCursor, encodeOpaqueCursor } from './opaque-cursor.ts';

const sortKey = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[A-Za-z0-9_-]{1,16}$/;

export const encodeAuditCursor = (sk: string): string => encodeOpaqueCursor({ s: sk });

/** The sort key a cursor names; 400 naming `query.cursor` for anything else. */
export const decodeAuditCursor = (cursor: string): string => decodeOpaqueCursor(cursor, { s: sortKey }).s;
