/**
 * DC-09: supervisors counsel their team members on the appropriate use of social media, so they see
 * their team's use: the contact records of workers of their own region, and no other region's.
 */
import type { Caller } from '../auth/caller.ts';
import { ForbiddenError } from '../errors.ts';

/**
 * The region a supervisor's view of contact records is narrowed to: their own. A worker or account
 * of another region (or none found: undefined) is refused with the rule named and the code kept
 * (`Forbidden`); a case, which spans regions, is narrowed rather than refused. A caller who is no
 * supervisor is refused without a rule: that is the route's role requirement, not DC-09's.
 * @enforces DC-09
 */
export function supervisorTeamRegion(caller: Caller, subject: { region: string | undefined } | 'case'): string {
  const region = caller.region;
  const scope = `read the contact records of workers of their own region (${region ?? 'none in the token'}) only.`;
  if (!caller.roles.includes('supervisor') || !region) throw new ForbiddenError(`Supervisors ${scope}`);
  if (subject !== 'case' && subject.region !== region)
    throw new ForbiddenError(`DC-09: supervisors ${scope}`, 'DC-09', 'Forbidden');
  return region;
}
