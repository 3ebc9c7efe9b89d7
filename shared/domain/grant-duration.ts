/**
 * NJ-09: long-term access is requested by the Local Office Manager; limited-duration access states
 * its end in advance, within the profile's limit. A pure check of the requested end and of who asks,
 * so it is tested without a runtime. The end itself needs no job: a grant past it is not in force
 * (shared/adapters/grants.ts isActive), so limited access ends by itself.
 */
import type { Role } from '../auth/roles.ts';
import { ForbiddenError, PolicyViolationError } from '../errors.ts';

const days = (n: number) => n * 86_400_000;

/** Who may ask for access with no end (the profile's `longTermRequesterRoles`) and what the caller holds. */
export interface LongTermRequest {
  requesterRoles: readonly Role[];
  callerRoles: readonly Role[];
  /** The office of the person asking and of the person to be granted: a manager asks for their own office. */
  callerOffice?: string | undefined;
  granteeOffice?: string | undefined;
}

/**
 * 422 unless, where the profile limits grants to `maxGrantDays`, the grant states an end within it.
 * Where the profile names who may ask for long-term access (`longTerm`), a grant without an end is
 * long-term: 403 unless the caller holds one of those roles, in the grantee's office (when given); a
 * grant with an end is limited and capped by `maxGrantDays`.
 * @enforces NJ-09
 */
export function requireStatedEnd(
  expiresAt: string | undefined,
  maxGrantDays: number | null,
  now: Date,
  longTerm?: LongTermRequest,
): void {
  if (!expiresAt && longTerm) {
    if (!longTerm.callerRoles.some((role) => longTerm.requesterRoles.includes(role)))
      throw new ForbiddenError(
        `NJ-09: long-term access is requested by ${longTerm.requesterRoles.join(' or ')}; ` +
          'limited access states when it ends (expiresAt).',
        'NJ-09',
      );
    // The Local Office Manager speaks for their own office, the unit NJ-02 counts people in.
    if (longTerm.granteeOffice !== undefined && longTerm.callerOffice !== longTerm.granteeOffice)
      throw new ForbiddenError(
        `NJ-09: long-term access for staff of office ${longTerm.granteeOffice} is requested by that office's manager.`,
        'NJ-09',
      );
    return;
  }
  if (maxGrantDays !== null && (!expiresAt || Date.parse(expiresAt) > now.getTime() + days(maxGrantDays))) {
    throw new PolicyViolationError('NJ-09', `Access is limited to ${maxGrantDays} days; state when it ends.`, [
      { field: 'expiresAt', message: `required, at most ${maxGrantDays} days ahead` },
    ]);
  }
}
