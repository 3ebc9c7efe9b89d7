/**
 * TN-09, the designated administrators change the password, in its one home (issue 14.4): only
 * they start and confirm a change, and only they see the pending password meanwhile.
 */
import { ForbiddenError } from '../errors.ts';
import { type AccountAdministration, isDesignatedAdministrator } from './administrator-rule.ts';
import type { Refusal } from './refusal.ts';

export type RotationCheck =
  /** Starting or confirming a password change. */
  | { of: 'rotator'; caller: { id: string; roles: readonly string[] }; account: AccountAdministration }
  /** Revealing the pending password, by someone who is not a designated administrator. */
  | { of: 'pending-reveal' };

/**
 * The TN-09 refusal for `check`, or undefined when the rule allows it.
 * @enforces TN-09
 */
export function rotationRefusal(check: RotationCheck): Refusal | undefined {
  if (check.of === 'pending-reveal')
    return { rule: 'TN-09', reason: 'Only the designated and back-up administrators handle a password change.' };
  if (isDesignatedAdministrator(check.caller, check.account)) return undefined;
  const message = 'TN-09: only the designated and back-up administrators change the password.';
  return { rule: 'TN-09', reason: message, error: new ForbiddenError(message, 'TN-09') };
}
