/**
 * Keyed fingerprints of passwords (CT-12): HMAC-SHA256 under a key kept in Secrets Manager, so
 * reuse across accounts is found without decrypting any secret, and a leaked table reveals nothing
 * a guesser could test offline.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { createHmac } from 'node:crypto';
import { hmacKeySecretId } from '../config.ts';
import { secrets } from './clients.ts';

let key: Promise<string> | undefined;

const hmacKey = (): Promise<string> =>
  (key ??= secrets()
    .send(new GetSecretValueCommand({ SecretId: hmacKeySecretId() }))
    .then(({ SecretString }) => {
      if (!SecretString) throw new Error('The HMAC key secret has no value.');
      return SecretString;
    })
    .catch((error: unknown) => {
      key = undefined; // retry the fetch on the next call rather than caching a failure
      throw error;
    }));

export async function passwordFingerprint(password: string): Promise<string> {
  return createHmac('sha256', await hmacKey())
    .update(password, 'utf8')
    .digest('hex');
}

/**
 * The keyed hash of a user id (CT-12), in a domain of its own and compared as platforms compare
 * them: case, surrounding spaces and compatibility forms do not make a user id another one.
 */
export async function userIdFingerprint(userId: string): Promise<string> {
  return createHmac('sha256', await hmacKey())
    .update(`user-id\0${userId.normalize('NFKC').trim().toLowerCase()}`, 'utf8')
    .digest('hex');
}
