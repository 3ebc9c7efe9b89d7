/**
 * The local JWT authorizer remembers tokens it verified (issue 20.1): each is checked once, not on
 * every request, and the memory never lets through what verification would refuse.
 */
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, verifiedTokenLimit, type TokenVerifier } from '../../local/verify-token.ts';

const issuer = 'https://issuer.local.test';
const audience = 'official-accounts';
let key: CryptoKey;
let verify: TokenVerifier;

const token = (subject: string, expiresAt: number | string = '1h', signingKey = key) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject(subject)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(signingKey);

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  verify = createTokenVerifier({ issuer, audience, jwks: { keys: [jwk] } });
});

describe('createTokenVerifier', () => {
  it('verifies a token once and answers the same claims for it afterwards', async () => {
    const bearer = `Bearer ${await token('stf-case-system')}`;
    const subtle = vi.spyOn(crypto.subtle, 'verify');
    const first = await verify(bearer);
    const second = await verify(bearer);
    const calls = subtle.mock.calls.length;
    subtle.mockRestore();
    expect(first?.sub).toBe('stf-case-system');
    expect(second).toEqual(first);
    expect(calls).toBe(1);
  });

  it('never remembers a token that failed: a foreign signature or a changed payload stays refused', async () => {
    const { privateKey: stranger } = await generateKeyPair('RS256');
    const forged = await token('stf-director', '1h', stranger);
    expect(await verify(`Bearer ${forged}`)).toBeUndefined();
    expect(await verify(`Bearer ${forged}`)).toBeUndefined();
    const [header, , signature] = (await token('stf-staff')).split('.');
    const altered = Buffer.from(JSON.stringify({ sub: 'stf-director', iss: issuer, aud: audience, exp: 2e9 }));
    expect(await verify(`Bearer ${header}.${altered.toString('base64url')}.${signature}`)).toBeUndefined();
  });

  it('refuses a remembered token once it has expired', async () => {
    const now = Date.now();
    const bearer = `Bearer ${await token('stf-staff', Math.floor(now / 1000) + 60)}`;
    expect((await verify(bearer))?.sub).toBe('stf-staff');
    // Past expiry and the 30 s tolerance.
    vi.useFakeTimers({ now: now + 120_000, toFake: ['Date'] });
    try {
      expect(await verify(bearer)).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it(`keeps at most ${verifiedTokenLimit} tokens, verifying a forgotten one again`, async () => {
    const first = `Bearer ${await token('stf-0')}`;
    await verify(first);
    for (let index = 1; index <= verifiedTokenLimit; index++) await verify(`Bearer ${await token(`stf-${index}`)}`);
    const subtle = vi.spyOn(crypto.subtle, 'verify');
    expect((await verify(first))?.sub).toBe('stf-0');
    const calls = subtle.mock.calls.length;
    subtle.mockRestore();
    expect(calls).toBe(1);
  }, 60_000);
});
