/**
 * The identity provider's SCIM bearer secret (Secrets Manager). Its value is cached for a few
 * minutes per container, so a rotation takes effect quickly without a read per request; a token is
 * compared by SHA-256 digest in constant time, so neither its length nor its bytes leak by timing.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { createHash, timingSafeEqual } from 'node:crypto';
import { scimTokenSecretId } from '../config.ts';
import { secrets } from './clients.ts';

/** How long a read value is trusted: a rotated secret is in force within this. */
export const scimTokenCacheMs = 5 * 60 * 1000;

let cached: { digest: Promise<Buffer>; until: number } | undefined;

const digestOf = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function currentDigest(now: number): Promise<Buffer> {
  if (cached && cached.until > now) return cached.digest;
  const digest = secrets()
    .send(new GetSecretValueCommand({ SecretId: scimTokenSecretId() }))
    .then(({ SecretString }) => {
      if (!SecretString) throw new Error('The SCIM token secret has no value.');
      return digestOf(SecretString);
    });
  cached = { digest, until: now + scimTokenCacheMs };
  // A failed read is not cached: the next request tries again.
  digest.catch(() => {
    cached = undefined;
  });
  return digest;
}

/** Whether `presented` is the identity provider's current SCIM token. */
export async function isScimToken(presented: string, now = Date.now()): Promise<boolean> {
  return timingSafeEqual(digestOf(presented), await currentDigest(now));
}
