/** GET /staff/lookup: the grant and request forms' search for a person (issue 18). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { lookUpStaffRoute } from '../../shared/routes/directory.ts';
import { lookUpStaff } from '../../shared/services/staff-lookup.ts';

export const handler = routeHandler(lookUpStaffRoute, async ({ caller, query }) =>
  json(200, await lookUpStaff(caller, query.q)),
);
