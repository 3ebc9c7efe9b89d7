/**
 * Who is calling, from the claims the API's JWT authorizer hands to the function. In AWS that is the
 * HTTP API's JWT authorizer; locally it is local/gateway.ts, which hands over claims in the same
 * shape, so this is the one place both paths go through.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { RuleId } from '../policy/rules.ts';
import { isRole, type Role } from './roles.ts';

export interface Caller {
  /** Staff id (or client id for a case system). */
  id: string;
  roles: Role[];
  region: string | undefined;
  office: string | undefined;
}

/**
 * HTTP API JWT authorizers flatten array claims into a string such as `[director designee]`; a
 * token from another issuer may carry a JSON array or a comma list. All three mean the same.
 */
export function parseListClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  if (trimmed.startsWith('[') && trimmed.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // Not JSON after all: fall through to the authorizer's space-separated form.
    }
  }
  return trimmed
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

const stringClaim = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The caller of an authorized request; 401 when the authorizer handed over no subject. */
export function callerFromEvent(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): Caller {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer
    ?.jwt?.claims;
  const id = stringClaim(claims?.sub);
  if (!claims || !id) throw new UnauthenticatedError();
  return {
    id,
    roles: parseListClaim(claims.roles).filter(isRole),
    region: stringClaim(claims.region),
    office: stringClaim(claims.office),
  };
}

export const hasRole = (caller: Caller, allowed: readonly Role[]): boolean =>
  caller.roles.some((role) => allowed.includes(role));

/** 403 unless the caller holds one of the roles; `rule` names the policy rule behind the requirement. */
export function requireRole(caller: Caller, allowed: readonly Role[], rule?: RuleId): void {
  if (!hasRole(caller, allowed)) {
    throw new ForbiddenError(`This action needs one of the roles: ${allowed.join(', ')}.`, rule);
  }
}

/** 403 unless the caller belongs to the region (operations staff work across regions). */
export function requireRegion(caller: Caller, region: string, rule?: RuleId): void {
  if (caller.region !== region && !caller.roles.includes('operations')) {
    throw new ForbiddenError(`This action is limited to staff of region ${region}.`, rule);
  }
}
