/** GET /account-requests/{requestId}: status and the written decision record (TN-02). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getAccountRequestRoute } from '../../shared/routes/account-requests.ts';
import { viewRequest } from '../../shared/services/account-requests.ts';

export const handler = routeHandler(getAccountRequestRoute, async ({ caller, params }) =>
  json(200, await viewRequest(caller, params.requestId)),
);
