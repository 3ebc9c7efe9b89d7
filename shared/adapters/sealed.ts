/**
 * Encryption for the little the system must keep that could carry a credential-like value (an
 * undelivered email may hold a single-use approval link): AES-256-GCM under a key derived (HKDF)
 * from the mail sealing key secret, its own secret so that the password-fingerprint HMAC key is
 * read only where fingerprints are made. Each value is sealed for one item (the id is the GCM
 * additional data), so a sealed value copied onto another item does not open there.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mailSealingKeySecretId } from '../config.ts';
import { secrets } from './clients.ts';

let key: Promise<Buffer> | undefined;

const sealingKey = (): Promise<Buffer> =>
  (key ??= secrets()
    .send(new GetSecretValueCommand({ SecretId: mailSealingKeySecretId() }))
    .then(({ SecretString }) => {
      // Fail closed: a key derived from nothing would seal with a value anyone can compute.
      if (!SecretString) throw new Error('The mail sealing key secret has no value.');
      return Buffer.from(hkdfSync('sha256', SecretString, 'official-accounts', 'sealed-items-v2', 32));
    })
    .catch((error: unknown) => {
      key = undefined;
      throw error;
    }));

/** `v2.<iv>.<tag>.<ciphertext>`, base64url parts, bound to `itemId` (the GCM additional data). */
export async function seal(plaintext: string, itemId: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await sealingKey(), iv);
  cipher.setAAD(Buffer.from(itemId, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v2', iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/**
 * The plaintext sealed for `itemId`; throws when the value was sealed for another item, was
 * altered, or was sealed under another key.
 */
export async function unseal(sealed: string, itemId: string): Promise<string> {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v2' || !iv || !tag || body === undefined) throw new Error('Not a sealed value.');
  const decipher = createDecipheriv('aes-256-gcm', await sealingKey(), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(itemId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** Drops the cached key, for tests that change it. */
export function forgetSealingKey(): void {
  key = undefined;
}
