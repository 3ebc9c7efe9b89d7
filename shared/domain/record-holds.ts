/**
 * CT-06: who may lift a litigation hold. The records are kept for a court or a records request, so
 * the decision to let them go belongs to the agency's records officers or counsel, not to the people
 * whose records they are: a director whose region is held never lifts it, whatever else they hold.
 */
import { ForbiddenError } from '../errors.ts';

/** The roles that may lift a hold. */
export const holdLifterRoles = ['records-officer', 'legal'] as const;

/**
 * 403 CT-06 unless the caller is a records officer or counsel and not a director of the held region.
 * @enforces CT-06
 */
export function requireMayLiftHold(
  caller: { roles: readonly string[]; region?: string | undefined },
  hold: { region: string },
): void {
  if (!holdLifterRoles.some((role) => caller.roles.includes(role)))
    throw new ForbiddenError('Only a records officer or legal counsel lifts a litigation hold.', 'CT-06');
  if (caller.roles.includes('director') && caller.region === hold.region)
    throw new ForbiddenError(`A director of region ${hold.region} may not lift a hold on their own region.`, 'CT-06');
}
