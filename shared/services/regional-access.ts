/**
 * TN-07 in the services: regional directors decide who has access to their region's account, so an
 * account's business stays with its region. One function, so every such refusal asks TN-07's home alike.
 */
import type { Caller } from '../auth/caller.ts';
import type { Role } from '../auth/roles.ts';
import { refuse } from '../domain/refusal.ts';
import { regionalRefusal } from '../domain/regional-rule.ts';

/**
 * 403 unless the caller is of the account's region (operations staff work across regions) and, where
 * the action needs it, holds one of `roles`; TN-07's home decides.
 */
export function requireRegionalAccess(caller: Caller, region: string, roles?: readonly Role[]): void {
  refuse(regionalRefusal({ of: 'regional-action', caller, region, roles }));
}
