/** GET /me: what the API knows of the caller; the first call a new client makes to check its token. */
import { getStaffMember } from '../../shared/adapters/directory.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { activeProfile } from '../../shared/policy/index.ts';
import { getMeRoute } from '../../shared/routes/system.ts';

export const handler = routeHandler(getMeRoute, async ({ caller }) =>
  json(200, { caller, staff: (await getStaffMember(caller.id)) ?? null, profile: activeProfile().id }),
);
