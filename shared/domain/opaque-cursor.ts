/**
 * The opaque `cursor` every paged list issues: base64url of a small JSON object naming a position and
 * nothing else (what the list is of always comes from the request, which is authorized on its own).
 * Decoding is strict: anything but exactly the fields a list issues, each of its shape, is 400.
 */
import { ValidationError } from '../errors.ts';

/** A position as a cursor: base64url of its fields' JSON. */
export const encodeOpaqueCursor = (fields: Record<string, string>): string =>
  Buffer.from(JSON.stringify(fields)).toString('base64url');

/** The fields a cursor names: exactly those of `shapes`, each matching its pattern; else 400 naming `query.cursor`. */
export function decodeOpaqueCursor<Field extends string>(
  cursor: string,
  shapes: Record<Field, RegExp>,
): Record<Field, string> {
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
  const fields = value as Record<string, unknown>;
  const names = Object.keys(shapes) as Field[];
  if (Object.keys(fields).length !== names.length) throw invalid();
  for (const name of names) {
    const field = fields[name];
    if (typeof field !== 'string' || !shapes[name].test(field)) throw invalid();
  }
  return fields as Record<Field, string>;
}
