/** POST /delegations: an approver names who decides for them while they are away. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { createDelegationRoute } from '../../shared/routes/account-requests.ts';
import { delegateApprovals } from '../../shared/services/delegations.ts';

export const handler = routeHandler(createDelegationRoute, async ({ caller, body }) =>
  json(201, await delegateApprovals(caller, body)),
);
