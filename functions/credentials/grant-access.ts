/** POST /accounts/{accountId}/grants: a director grants a staff member access (TN-07). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { grantAccessRoute } from '../../shared/routes/credentials.ts';
import { grantAccess } from '../../shared/services/grants.ts';

export const handler = routeHandler(grantAccessRoute, async ({ caller, params, body }) =>
  json(201, { ...(await grantAccess(caller, params.accountId, body)), active: true }),
);
