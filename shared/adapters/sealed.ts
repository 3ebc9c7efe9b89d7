/**
 * Encryption for the little the system must keep that could carry a credential-like value (an
 * undelivered email may hold a single-use approval link): AES-256-GCM under a key derived (HKDF)
 * from the Secrets Manager HMAC key secret, so such items are ciphertext in DynamoDB.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { hmacKeySecretId } from '../config.ts';
import { secrets } from './clients.ts';

let key: Promise<Buffer> | undefined;

const sealingKey = (): Promise<Buffer> =>
  (key ??= secrets()
    .send(new GetSecretValueCommand({ SecretId: hmacKeySecretId() }))
    .then(({ SecretString }) =>
      Buffer.from(hkdfSync('sha256', SecretString ?? '', 'official-accounts', 'sealed-items-v1', 32)),
    )
    .catch((error: unknown) => {
      key = undefined;
      throw error;
    }));

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export async function seal(plaintext: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await sealingKey(), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export async function unseal(sealed: string): Promise<string> {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Not a sealed value.');
  const decipher = createDecipheriv('aes-256-gcm', await sealingKey(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
