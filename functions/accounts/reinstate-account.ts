/** DELETE /accounts/{accountId}/suspension: oversight reinstates the account (DC-01). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { reinstateAccountRoute } from '../../shared/routes/accounts.ts';
import { reinstateAccount } from '../../shared/services/oversight.ts';

export const handler = routeHandler(reinstateAccountRoute, async ({ caller, params, body }) =>
  json(200, await reinstateAccount(caller, params.accountId, body.reason)),
);
