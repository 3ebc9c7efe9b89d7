/** GET /me: what the API knows of the caller; the first call a new client makes to check its token. */
import { callerEntry } from '../../shared/auth/directory-caller.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { activeProfile } from '../../shared/policy/index.ts';
import { timeZoneOf } from '../../shared/policy/time-zone.ts';
import { getMeRoute } from '../../shared/routes/system.ts';
import { toStaffMember } from '../../shared/adapters/directory.ts';

// The caller's record was read by `authorize` for this request: no second directory read.
export const handler = routeHandler(getMeRoute, async ({ caller: { id, roles, region, office } }) => {
  const entry = await callerEntry(id);
  const profile = activeProfile();
  return json(200, {
    caller: { id, roles, region, office },
    staff: entry ? toStaffMember(entry) : null,
    profile: profile.id,
    agency: profile.agency,
    platforms: profile.accountCreation.platforms,
    purposes: profile.accountCreation.purposes,
    timeZone: timeZoneOf(profile, region),
  });
});
