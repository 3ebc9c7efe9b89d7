/**
 * TN-07 in the services: regional directors decide who has access to their region's account, so an
 * account's business stays with its region. One function, so every such refusal cites TN-07 alike.
 */
import { requireRegion, requireRole, type Caller } from '../auth/caller.ts';
import type { Role } from '../auth/roles.ts';

/**
 * 403 unless the caller is of the account's region (operations staff work across regions) and, where
 * the action needs it, holds one of `roles`.
 * @enforces TN-07
 */
export function requireRegionalAccess(caller: Caller, region: string, roles?: readonly Role[]): void {
  if (roles) requireRole(caller, roles, 'TN-07');
  requireRegion(caller, region, 'TN-07');
}
