/** GET /accounts: the official accounts of the caller's region. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listAccountsRoute } from '../../shared/routes/accounts.ts';
import { listAccounts } from '../../shared/services/accounts.ts';

export const handler = routeHandler(listAccountsRoute, async ({ caller, query }) =>
  json(200, await listAccounts(caller, query.region)),
);
