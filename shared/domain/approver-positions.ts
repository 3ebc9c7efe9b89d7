/**
 * Who must approve an account before it exists: one position per approver role the profile names,
 * each carrying the rule that requires it, so the request's record says why each approver was asked.
 */
import type { Role } from '../auth/roles.ts';
import type { RuleId } from '../policy/rules.ts';
import type { PolicyProfile } from '../policy/schema.ts';

/** One approval the profile requires: the role that gives it and the rules that ask for it. */
export interface ApproverPosition {
  role: Role;
  rules: RuleId[];
}

/**
 * CT-07: Information Services approves each account in advance. The ct-dcf profile names it as the
 * approver; the account is provisioned only once every position has approved (approvals.ts settles
 * the request, the approval workflow creates the account after), so no account precedes its approval.
 * @enforces CT-07
 */
export function approverPositions(
  creation: Pick<PolicyProfile['accountCreation'], 'approverRoles' | 'rules'>,
): ApproverPosition[] {
  // A combination (CT-02) keeps no role-to-agency map, so each position cites every agency's rule.
  return creation.approverRoles.map((role) => ({ role, rules: [...creation.rules] }));
}
