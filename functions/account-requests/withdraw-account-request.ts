/** POST /account-requests/{requestId}/withdraw: the requester calls a pending request off. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { withdrawAccountRequestRoute } from '../../shared/routes/account-requests.ts';
import { withdrawRequest } from '../../shared/services/account-requests.ts';

export const handler = routeHandler(withdrawAccountRequestRoute, async ({ caller, params, body }) => {
  await withdrawRequest(caller, params.requestId, body.reason);
  return json(202, { requestId: params.requestId });
});
