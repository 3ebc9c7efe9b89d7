/** POST /accounts/{accountId}/suspension: oversight suspends the account (DC-01). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { suspendAccountRoute } from '../../shared/routes/accounts.ts';
import { suspendAccount } from '../../shared/services/oversight.ts';

export const handler = routeHandler(suspendAccountRoute, async ({ caller, params, body }) =>
  json(200, await suspendAccount(caller, params.accountId, body.reason)),
);
