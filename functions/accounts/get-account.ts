/** GET /accounts/{accountId}: one official account. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getAccountRoute } from '../../shared/routes/accounts.ts';
import { readAccount } from '../../shared/services/accounts.ts';

export const handler = routeHandler(getAccountRoute, async ({ caller, params }) =>
  json(200, await readAccount(caller, params.accountId)),
);
