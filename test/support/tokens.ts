/**
 * Test tokens signed with the local issuer's key: valid ones for any subject (the token only names
 * the caller; the directory says what they may do, issue 15.3), and tokens a client should never get
 * through: expired, foreign issuer, wrong audience, unsigned, self-signed.
 */
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Endpoints } from '../../local/runtime.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const signingKey = async (dataDir: string) => {
  const jwk = JSON.parse(await readFile(join(dataDir, 'issuer', 'signing-key.json'), 'utf8')) as JWK;
  return { jwk, key: await importJWK(jwk, 'RS256') };
};

/**
 * A token the API accepts, naming `subject` and carrying `claims` besides (which grant nothing: a
 * test passes `roles` to prove it).
 */
export async function validToken(
  endpoints: Endpoints,
  dataDir: string,
  subject: string,
  claims: Record<string, unknown> = {},
): Promise<string> {
  const { jwk, key } = await signingKey(dataDir);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
    .setSubject(subject)
    .setIssuer(endpoints.issuer)
    .setAudience(endpoints.audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);
}

export async function hostileTokens(endpoints: Endpoints, dataDir: string): Promise<Record<string, string>> {
  const { jwk, key } = await signingKey(dataDir);
  const director = endpoints.personas.director!;
  const claims = {};
  const sign = (issuer: string, audience: string, expiresAt: number | string, signingKey = key, kid = jwk.kid!) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject(director.id)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(signingKey);
  const { privateKey: strangerKey } = await generateKeyPair('RS256');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = { sub: director.id, iss: endpoints.issuer, aud: endpoints.audience, exp: now + 3600 };
  return {
    expired: await sign(endpoints.issuer, endpoints.audience, now - 3600),
    wrongIssuer: await sign('https://issuer.attacker.example', endpoints.audience, '1h'),
    wrongAudience: await sign(endpoints.issuer, 'some-other-api', '1h'),
    foreignKey: await sign(endpoints.issuer, endpoints.audience, '1h', strangerKey),
    algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(unsigned)}.`,
    garbage: 'not-a-jwt',
  };
}

/** A token the local issuer signs for someone who is not a persona (e.g. a person provisioned in a test). */
export async function tokenFor(
  endpoints: Endpoints,
  dataDir: string,
  subject: string,
  claims: Record<string, unknown>,
): Promise<string> {
  const jwk = JSON.parse(await readFile(join(dataDir, 'issuer', 'signing-key.json'), 'utf8')) as JWK;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
    .setSubject(subject)
    .setIssuer(endpoints.issuer)
    .setAudience(endpoints.audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(await importJWK(jwk, 'RS256'));
}
