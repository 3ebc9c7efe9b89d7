/** POST /account-requests: a director or designee asks for an official account (TN-02). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { createAccountRequestRoute } from '../../shared/routes/account-requests.ts';
import { requestAccount } from '../../shared/services/account-requests.ts';

export const handler = routeHandler(createAccountRequestRoute, async ({ caller, body }) =>
  json(202, await requestAccount(caller, body)),
);
