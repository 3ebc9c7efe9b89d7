/**
 * Exactly-once writes by construction: a write made with an Idempotency-Key gets an id derived
 * from the caller and the key, so every retry and every concurrent duplicate targets the same
 * item, and a conditional put lets exactly one of them create it. The stored fingerprint of the
 * body tells a true retry (same body: replay the original response) from a reused key (409).
 */
import { createHash } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * `prefix_` + 128 bits of SHA-256(caller, key): the same shape as a random id (shared/domain/ids.ts),
 * scoped to the caller so two case systems using the same key never meet.
 */
export const idForKey = (prefix: string, callerId: string, key: string): string =>
  `${prefix}_${sha256(`${callerId}\n${key}`).subarray(0, 16).toString('base64url')}`;

/** JSON with object keys sorted at every level, so the same body in another key order matches. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What makes two requests "the same" for a key: the validated body, canonically. */
export const requestFingerprint = (body: unknown): string => sha256(canonicalJson(body)).toString('base64url');
