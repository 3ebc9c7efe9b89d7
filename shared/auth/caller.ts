/**
 * Who is calling. The token only names the person (issue 15.3): the claim named by `IDENTITY_CLAIM`
 * (`sub` by default, `oid` for Entra ID) is their directory id, and everything authorization rests
 * on (roles, region, office, supervisor, departure) is read from the directory on every request, so
 * a change there takes effect at the next request. A `roles`, `region` or `office` claim grants
 * nothing. In AWS the claims come from the HTTP API's JWT authorizer; locally from local/gateway.ts,
 * which hands them over in the same shape, so this is the one place both paths go through.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { leaverRefusal } from '../domain/leaver-rule.ts';
import { outsideRegion, refuse, regionRequirement, roleRequirement } from '../domain/refusal.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { Citation } from '../errors.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { isRole, type Role } from './roles.ts';

export interface Caller {
  /** Staff id (or client id for a case system): the directory id the token names. */
  id: string;
  roles: Role[];
  region: string | undefined;
  office: string | undefined;
  /** The person's supervisor, from the directory. */
  supervisorId?: string;
  /** A machine client's served regions (case systems); absent for people. */
  regions?: string[];
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

/** The claim that names the caller: deployment configuration (infra/function-settings.ts), `sub` unless set. */
export const identityClaim = (): string => process.env.IDENTITY_CLAIM || 'sub';

/**
 * The directory id the token names; 401 when the authorizer handed over no such claim. Nothing else
 * of the token is read.
 */
export function identityFromEvent(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): string {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer
    ?.jwt?.claims;
  const id = stringClaim(claims?.[identityClaim()]);
  if (!claims || !id) throw new UnauthenticatedError();
  return id;
}

/** A directory record of a person or a machine client, as the caller's authorization reads it. */
export type DirectoryEntry = StaffMember & { kind?: 'staff' | 'client'; active?: boolean; regions?: string[] };

/**
 * The caller as the directory describes them. Unknown → 401 `UnknownIdentity` (the token verifies but
 * names nobody the agency provisioned); departed or deprovisioned → 403 `TN-10` (a leaver reaches
 * nothing, whatever their token says, from the moment the departure is recorded; the rule's home
 * decides it).
 */
export function callerFromDirectory(id: string, entry: DirectoryEntry | undefined): Caller {
  if (!entry) {
    throw new UnauthenticatedError('The token names no one in the staff directory.', 'UnknownIdentity');
  }
  refuse(leaverRefusal({ of: 'caller', departedAt: entry.departedAt, active: entry.active }));
  return {
    id,
    roles: (entry.roles ?? []).filter(isRole),
    region: entry.region || undefined,
    office: entry.office || undefined,
    ...(entry.supervisorId ? { supervisorId: entry.supervisorId } : {}),
    ...(entry.kind === 'client' ? { regions: [...(entry.regions ?? [])] } : {}),
  };
}

export const hasRole = (caller: Caller, allowed: readonly Role[]): boolean =>
  caller.roles.some((role) => allowed.includes(role));

/** 403 unless the caller holds one of the roles; `rule` names the policy rule behind the requirement. */
export function requireRole(caller: Caller, allowed: readonly Role[], rule?: Citation): void {
  if (!hasRole(caller, allowed)) throw new ForbiddenError(roleRequirement(allowed), rule);
}

/**
 * 403 unless the caller belongs to the region (operations staff work across regions, and so does
 * oversight, DC-01, on the routes that admit it: reads, monitoring, suspension).
 */
export function requireRegion(caller: Caller, region: string, rule?: Citation): void {
  if (outsideRegion(caller, region) && !caller.roles.includes('oversight'))
    throw new ForbiddenError(regionRequirement(region), rule);
}
