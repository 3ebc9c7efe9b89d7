/**
 * The local development identity provider: an RS256 key pair kept under .local/, an OIDC discovery
 * document and JWKS served by the gateway, and tokens for the seeded personas. It stands in for the
 * agency's OIDC issuer; tokens are verified by the same code (verify-token.ts) either way.
 */
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const localAudience = 'official-accounts';

export interface TokenClaims {
  sub: string;
  roles: readonly string[];
  region?: string;
  office?: string;
  name?: string;
  email?: string;
}

export interface DevIssuer {
  issuer: string;
  audience: string;
  /** Public keys, as served at /.well-known/jwks.json. */
  jwks: { keys: JWK[] };
  sign(
    claims: TokenClaims,
    options?: { expiresIn?: string | number; issuer?: string; audience?: string },
  ): Promise<string>;
}

async function loadOrCreateKey(keyFile: string | undefined): Promise<JWK> {
  if (keyFile) {
    try {
      return JSON.parse(await readFile(keyFile, 'utf8')) as JWK;
    } catch {
      // First start (or a --fresh one): create the key below.
    }
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `local-${Date.now().toString(36)}` };
  if (keyFile) {
    await mkdir(dirname(keyFile), { recursive: true });
    await writeFile(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}

/** An issuer whose key survives restarts when `keyFile` is given, so printed tokens stay valid. */
export async function createDevIssuer(options: { issuer: string; keyFile?: string }): Promise<DevIssuer> {
  const privateJwk = await loadOrCreateKey(options.keyFile);
  const privateKey = await importJWK(privateJwk, 'RS256');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  return {
    issuer: options.issuer,
    audience: localAudience,
    jwks: { keys: [publicJwk] },
    sign: (claims, signOptions = {}) =>
      new SignJWT({ ...claims, roles: [...claims.roles] })
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid!, typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer(signOptions.issuer ?? options.issuer)
        .setAudience(signOptions.audience ?? localAudience)
        .setIssuedAt()
        .setExpirationTime(signOptions.expiresIn ?? '12h')
        .sign(privateKey),
  };
}
