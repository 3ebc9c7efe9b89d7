/**
 * Who may reveal which version of an account's credential, decided from facts the caller's service
 * gathers (no I/O here). Administrators always may (TN-05); a director's grant lets staff use it
 * (TN-07); supervisors may where the profile says so (NJ-05); only the designated and back-up
 * administrators see a pending password or the 2FA secret and recovery codes (TN-09).
 * Roles and region are the caller's as the directory has them now (issue 16.6): the directors are
 * whoever directs the account's region today, and a named administrator counts only while they
 * still hold the administrator role, so nothing copied into the account at approval grants access.
 */
import type { RuleId } from '../policy/rules.ts';

/** What of an account decides who administers it. */
export interface AccountAdministration {
  region: string;
  administratorId: string;
  backupAdministratorId: string;
}

/** TN-05: one of the account's two named administrators who still holds the administrator role. */
export const isDesignatedAdministrator = (
  caller: { id: string; roles: readonly string[] },
  account: AccountAdministration,
): boolean =>
  (caller.id === account.administratorId || caller.id === account.backupAdministratorId) &&
  caller.roles.includes('administrator');

export interface RevealFacts {
  callerId: string;
  /** A reported departure ends every kind of access at once (TN-10). */
  callerDeparted: boolean;
  callerRoles: readonly string[];
  callerRegion: string | undefined;
  account: AccountAdministration;
  hasActiveGrant: boolean;
  supervisorsMayReveal: boolean;
}

export type RevealDecision =
  | {
      allowed: true;
      as: 'designated-administrator' | 'director' | 'grant-holder' | 'supervisor';
      includeRecovery: boolean;
    }
  | { allowed: false; rule: RuleId; reason: string };

/**
 * The reveal decision; a refusal cites the rule it rests on.
 * @enforces TN-10 TN-09 TN-07
 */
export function mayReveal(facts: RevealFacts, stage: 'current' | 'pending'): RevealDecision {
  const { account } = facts;
  if (facts.callerDeparted)
    return { allowed: false, rule: 'TN-10', reason: 'Your departure has been reported; you no longer have access.' };
  if (isDesignatedAdministrator({ id: facts.callerId, roles: facts.callerRoles }, account))
    return { allowed: true, as: 'designated-administrator', includeRecovery: true };
  if (stage === 'pending') {
    return {
      allowed: false,
      rule: 'TN-09',
      reason: 'Only the designated and back-up administrators handle a password change.',
    };
  }
  const director = facts.callerRoles.includes('director') && facts.callerRegion === account.region;
  if (director) return { allowed: true, as: 'director', includeRecovery: false };
  if (facts.hasActiveGrant) return { allowed: true, as: 'grant-holder', includeRecovery: false };
  if (facts.supervisorsMayReveal && facts.callerRoles.includes('supervisor') && facts.callerRegion === account.region) {
    return { allowed: true, as: 'supervisor', includeRecovery: false };
  }
  return {
    allowed: false,
    rule: 'TN-07',
    reason: 'You hold no grant on this account; a director of its region decides who has access.',
  };
}

/** TN-09: only the designated and back-up administrators start and complete a password change. */
export const mayRotate = (caller: { id: string; roles: readonly string[] }, account: AccountAdministration): boolean =>
  isDesignatedAdministrator(caller, account);
