/**
 * NJ-05, supervisors always have the password, in its one home (issue 17.2). Only New Jersey's
 * policy says passwords "must be shared with and available to supervisors at all times"; under the
 * other profiles a supervisor needs a director's grant like anyone (TN-07), so the profile's
 * `supervisorsMayReveal` decides, and every place that asks who a supervisor may reveal asks here.
 */
import type { RuleId } from '../policy/rules.ts';
import { holdsRole, type Standing } from './refusal.ts';

export interface SupervisorCheck {
  /** The profile's `access.supervisorsMayReveal`. */
  setting: boolean;
  caller: Standing;
  /** The account's region: a supervisor has the passwords of their own region only. */
  region: string;
}

/** A reveal the rule allows: the audit entry names the rule it rests on. */
export interface SupervisorReveal {
  as: 'supervisor';
  rule: RuleId;
}

/**
 * The supervisor's reveal where the profile gives supervisors the password, else undefined (the
 * supervisor is then anyone else, TN-07).
 * @enforces NJ-05
 */
export function supervisorReveal(check: SupervisorCheck): SupervisorReveal | undefined {
  if (!check.setting || !holdsRole(check.caller, ['supervisor']) || check.caller.region !== check.region)
    return undefined;
  return { as: 'supervisor', rule: 'NJ-05' };
}
