/**
 * Bearer-token verification as the HTTP API's JWT authorizer does it: signature against the
 * issuer's JWKS, RS256 only (so `alg: none` and HMAC confusion are refused), issuer, audience,
 * expiry and not-before, with a small clock tolerance. Returns the claims the authorizer hands on.
 */
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

export type TokenVerifier = (authorizationHeader: string | undefined) => Promise<JWTPayload | undefined>;

export function createTokenVerifier(options: { issuer: string; audience: string; jwks: JSONWebKeySet }): TokenVerifier {
  const keys = createLocalJWKSet(options.jwks);
  return async (header) => {
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(header?.trim() ?? '');
    if (!match) return undefined;
    try {
      const { payload } = await jwtVerify(match[1]!, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['RS256'],
        clockTolerance: 30,
        requiredClaims: ['sub', 'exp'],
      });
      return payload;
    } catch {
      return undefined;
    }
  };
}

/**
 * The claims as an HTTP API JWT authorizer passes them: every value a string, arrays flattened to
 * `[a b]`. Handing handlers the same shape locally keeps one parsing path (shared/auth/caller.ts).
 */
export function authorizerClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value),
    ]),
  );
}
