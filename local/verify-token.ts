/**
 * Bearer-token verification as the HTTP API's JWT authorizer does it: signature against the
 * issuer's JWKS, RS256 only (so `alg: none` and HMAC confusion are refused), issuer, audience,
 * expiry and not-before, with a small clock tolerance. Returns the claims the authorizer hands on.
 *
 * A token that verified is remembered until it expires (issue 20.1): a case system sends the same
 * token with thousands of requests, and checking its RSA signature again each time was ~5% of the
 * local runtime's CPU under the ingest benchmark. Only a verified token is kept, keyed by its whole
 * text (signature included), so a forged or altered one is never found; the cache is bounded.
 */
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

export type TokenVerifier = (authorizationHeader: string | undefined) => Promise<JWTPayload | undefined>;

/** Verified tokens kept at most; beyond it the oldest is forgotten (and verified again if it comes back). */
export const verifiedTokenLimit = 1_000;

/** As the HTTP API allows for clocks that drift. */
const clockToleranceSeconds = 30;

export function createTokenVerifier(options: { issuer: string; audience: string; jwks: JSONWebKeySet }): TokenVerifier {
  const keys = createLocalJWKSet(options.jwks);
  const verified = new Map<string, JWTPayload>();
  return async (header) => {
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(header?.trim() ?? '');
    if (!match) return undefined;
    const token = match[1]!;
    const known = verified.get(token);
    if (known) {
      // Expired since it was verified: forgotten, and refused as jwtVerify would (`exp` is required).
      if (known.exp! * 1000 > Date.now() - clockToleranceSeconds * 1000) return known;
      verified.delete(token);
      return undefined;
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['RS256'],
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      if (verified.size >= verifiedTokenLimit) verified.delete(verified.keys().next().value!);
      verified.set(token, payload);
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
