/**
 * TN-07, the regional director decides who uses the region's accounts, in its one home (issue
 * 14.4): the region's business stays with its staff (who reads, who grants), a grant goes only to
 * staff of the account's region, and only a grant holder reveals the login or records a contact.
 */
import { ForbiddenError, PolicyViolationError } from '../errors.ts';
import {
  holdsRole,
  outsideRegion,
  type Refusal,
  regionRequirement,
  roleRequirement,
  type Standing,
} from './refusal.ts';

export type RegionalCheck =
  /** An action on a region's accounts, needing one of `roles` where given. */
  | { of: 'regional-action'; caller: Standing; region: string; roles?: readonly string[] | undefined }
  /** A grant to staff of `staffRegion` on an account of `accountRegion`. */
  | { of: 'grantee'; staffRegion: string; accountRegion: string }
  /** A reveal by someone no other rule lets see the login. */
  | { of: 'revealer' }
  /** A contact record's worker. */
  | { of: 'contact-worker'; holdsGrant: boolean };

/**
 * The TN-07 refusal for `check`, or undefined when the rule allows it.
 * @enforces TN-07
 */
export function regionalRefusal(check: RegionalCheck): Refusal | undefined {
  const forbidden = (reason: string): Refusal => ({
    rule: 'TN-07',
    reason,
    error: new ForbiddenError(reason, 'TN-07'),
  });
  switch (check.of) {
    case 'regional-action':
      if (check.roles && !holdsRole(check.caller, check.roles)) return forbidden(roleRequirement(check.roles));
      return outsideRegion(check.caller, check.region) ? forbidden(regionRequirement(check.region)) : undefined;
    case 'grantee': {
      if (check.staffRegion === check.accountRegion) return undefined;
      const reason = `Only staff of region ${check.accountRegion} may be granted access to its account.`;
      const details = [{ field: 'staffId', message: 'staff of another region' }];
      return { rule: 'TN-07', reason, error: new PolicyViolationError('TN-07', reason, details) };
    }
    case 'revealer':
      return {
        rule: 'TN-07',
        reason: 'You hold no grant on this account; a director of its region decides who has access.',
      };
    case 'contact-worker':
      // A record from anyone the director has not granted the account is not a sanctioned contact.
      return check.holdsGrant ? undefined : { rule: 'TN-07', reason: 'the worker holds no grant on this account' };
  }
}
