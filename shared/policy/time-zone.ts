/**
 * Which time zone a time is shown and a day is counted in (issue 19.4): the region's the time belongs
 * to (the account's, the request's, the person's) where the profile names one, else the agency's.
 */
import { activeProfile } from './index.ts';
import type { PolicyProfile } from './schema.ts';

/** The IANA zone of `regionId` under `profile`, or the agency's for statewide work and unnamed regions. */
export function timeZoneOf(profile: Pick<PolicyProfile, 'timeZone'>, regionId?: string): string {
  const { agency, regions } = profile.timeZone;
  return regionId !== undefined && Object.hasOwn(regions, regionId) ? regions[regionId]! : agency;
}

/** The zone of `regionId` under the profile in force: what services pass to emails and pages. */
export const regionTimeZone = (regionId?: string): string => timeZoneOf(activeProfile(), regionId);
