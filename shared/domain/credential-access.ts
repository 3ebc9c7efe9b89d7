/**
 * Who may reveal which version of an account's credential, decided from facts the caller's service
 * gathers (no I/O here). Administrators always may (TN-05); a director's grant lets staff use it
 * (TN-07); supervisors may where the profile says so (NJ-05), else they need a grant like anyone;
 * only the designated and back-up administrators see a pending password or the 2FA secret and
 * recovery codes (TN-09); where the profile requires it, whoever reveals has filed the HR
 * acknowledgment first, administrators, directors and supervisors included (CT-08, issue 17.2).
 * Roles and region are the caller's as the directory has them now (issue 16.6): the directors are
 * whoever directs the account's region today, and a named administrator counts only while they
 * still hold the administrator role, so nothing copied into the account at approval grants access.
 */
import type { RuleId } from '../policy/rules.ts';
import { acknowledgmentRefusal } from './acknowledgment-rule.ts';
import { type AccountAdministration, isDesignatedAdministrator } from './administrator-rule.ts';
import { leaverRefusal } from './leaver-rule.ts';
import type { Refusal } from './refusal.ts';
import { regionalRefusal } from './regional-rule.ts';
import { rotationRefusal } from './rotation-rule.ts';
import { supervisorReveal } from './supervisor-rule.ts';

export { type AccountAdministration, isDesignatedAdministrator };

export interface RevealFacts {
  callerId: string;
  /** A reported departure ends every kind of access at once (TN-10). */
  callerDeparted: boolean;
  callerRoles: readonly string[];
  callerRegion: string | undefined;
  account: AccountAdministration;
  hasActiveGrant: boolean;
  supervisorsMayReveal: boolean;
  /** The profile's `access.requireHrAcknowledgment`. */
  acknowledgmentRequired: boolean;
  /** HR has the caller's acknowledgment on record. */
  acknowledged: boolean;
}

export type RevealDecision =
  | {
      allowed: true;
      as: 'designated-administrator' | 'director' | 'grant-holder' | 'supervisor';
      includeRecovery: boolean;
      /** The rule a reveal rests on where one alone allows it (NJ-05 for a supervisor). */
      rule?: RuleId;
    }
  | { allowed: false; rule: RuleId; reason: string };

const denied = ({ rule, reason }: Refusal): RevealDecision => ({ allowed: false, rule, reason });

/**
 * The reveal decision; a refusal cites the rule it rests on, in the words of that rule's home
 * (TN-10 leaver-rule.ts, TN-09 rotation-rule.ts, TN-07 regional-rule.ts, CT-08 acknowledgment-rule.ts).
 * Who may see it is decided first, so someone with no access at all hears TN-07, not CT-08.
 */
export function mayReveal(facts: RevealFacts, stage: 'current' | 'pending'): RevealDecision {
  const left = leaverRefusal({ of: 'revealer', departed: facts.callerDeparted });
  if (left) return denied(left);
  const decision = revealAccess(facts, stage);
  if (!decision.allowed) return decision;
  const unacknowledged = acknowledgmentRefusal({
    of: 'user',
    required: facts.acknowledgmentRequired,
    acknowledged: facts.acknowledged,
  });
  return unacknowledged ? denied(unacknowledged) : decision;
}

function revealAccess(facts: RevealFacts, stage: 'current' | 'pending'): RevealDecision {
  const { account } = facts;
  if (isDesignatedAdministrator({ id: facts.callerId, roles: facts.callerRoles }, account))
    return { allowed: true, as: 'designated-administrator', includeRecovery: true };
  const rotating = stage === 'pending' && rotationRefusal({ of: 'pending-reveal' });
  if (rotating) return denied(rotating);
  const director = facts.callerRoles.includes('director') && facts.callerRegion === account.region;
  if (director) return { allowed: true, as: 'director', includeRecovery: false };
  if (facts.hasActiveGrant) return { allowed: true, as: 'grant-holder', includeRecovery: false };
  const supervisor = supervisorReveal({
    setting: facts.supervisorsMayReveal,
    caller: { roles: facts.callerRoles, region: facts.callerRegion },
    region: account.region,
  });
  if (supervisor) return { allowed: true, ...supervisor, includeRecovery: false };
  return denied(regionalRefusal({ of: 'revealer' })!);
}

/** TN-09: only the designated and back-up administrators start and complete a password change. */
export const mayRotate = (caller: { id: string; roles: readonly string[] }, account: AccountAdministration): boolean =>
  isDesignatedAdministrator(caller, account);
