/**
 * Who may reveal which version of an account's credential, decided from facts the caller's service
 * gathers (no I/O here). Administrators always may (TN-05); a director's grant lets staff use it
 * (TN-07); supervisors may where the profile says so (NJ-05); only the designated and back-up
 * administrators see a pending password or the 2FA secret and recovery codes (TN-09).
 */
import type { RuleId } from '../policy/rules.ts';

export interface RevealFacts {
  callerId: string;
  /** A reported departure ends every kind of access at once (TN-10). */
  callerDeparted: boolean;
  callerRoles: readonly string[];
  callerRegion: string | undefined;
  account: { region: string; administratorId: string; backupAdministratorId: string; directorIds: readonly string[] };
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
  const designated = facts.callerId === account.administratorId || facts.callerId === account.backupAdministratorId;
  if (designated) return { allowed: true, as: 'designated-administrator', includeRecovery: true };
  if (stage === 'pending') {
    return {
      allowed: false,
      rule: 'TN-09',
      reason: 'Only the designated and back-up administrators handle a password change.',
    };
  }
  if (account.directorIds.includes(facts.callerId)) return { allowed: true, as: 'director', includeRecovery: false };
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
export const mayRotate = (callerId: string, account: RevealFacts['account']): boolean =>
  callerId === account.administratorId || callerId === account.backupAdministratorId;
