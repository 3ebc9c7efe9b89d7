/** Identifiers and link tokens: random, unguessable, URL-safe. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `prefix_` + 128 random bits; the prefix tells an id's kind at a glance in logs and support calls. */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(16).toString('base64url')}`;

/** A 256-bit single-use link token (43 URL-safe characters). Only its hash is ever stored. */
export const newLinkToken = (): string => randomBytes(32).toString('base64url');

/**
 * The stored form of a link token. A plain SHA-256 suffices: the token carries 256 random bits, so
 * the hash cannot be reversed or guessed offline, and verifying needs no key fetch on the hot path.
 */
export const hashLinkToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Compares a presented token with a stored hash in constant time. */
export function linkTokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashLinkToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
