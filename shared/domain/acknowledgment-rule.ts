/**
 * CT-08, the written acknowledgment to HR before an account is used, in its one home (issue 17.2).
 * Connecticut's policy asks it of "any DCF staff member who creates an account or otherwise accesses
 * social media": so under a profile that requires it, everyone who uses an account needs it on
 * record (administrators who store its login, directors and supervisors who reveal it, grant
 * holders) and a grant is refused to a person without one.
 */
import { ForbiddenError, PolicyViolationError } from '../errors.ts';
import type { Refusal } from './refusal.ts';

export type AcknowledgmentCheck =
  /** A grant to the person named. */
  | { of: 'grantee'; name: string; required: boolean; acknowledged: boolean }
  /** The caller using the account: storing its login, revealing it. */
  | { of: 'user'; required: boolean; acknowledged: boolean };

/**
 * The CT-08 refusal for `check`, or undefined when the rule allows it.
 * @enforces CT-08
 */
export function acknowledgmentRefusal(check: AcknowledgmentCheck): Refusal | undefined {
  if (!check.required || check.acknowledged) return undefined;
  if (check.of === 'grantee') {
    const reason = `${check.name} has no acknowledgment on record with HR; HR records it before access is granted.`;
    const details = [{ field: 'staffId', message: 'no HR acknowledgment' }];
    return { rule: 'CT-08', reason, error: new PolicyViolationError('CT-08', reason, details) };
  }
  const reason = 'HR has no acknowledgment from you on record; it is filed before anyone uses an official account.';
  return { rule: 'CT-08', reason, error: new ForbiddenError(`CT-08: ${reason}`, 'CT-08') };
}
