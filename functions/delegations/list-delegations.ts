/** GET /delegations: an approver's delegations, given and received. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listDelegationsRoute } from '../../shared/routes/account-requests.ts';
import { listDelegations } from '../../shared/services/delegations.ts';

export const handler = routeHandler(listDelegationsRoute, async ({ caller }) =>
  json(200, await listDelegations(caller)),
);
