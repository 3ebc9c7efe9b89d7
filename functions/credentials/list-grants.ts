/** GET /accounts/{accountId}/grants: who may reveal the credential, and until when. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listGrantsRoute } from '../../shared/routes/credentials.ts';
import { listGrants } from '../../shared/services/grants.ts';

export const handler = routeHandler(listGrantsRoute, async ({ caller, params }) =>
  json(200, await listGrants(caller, params.accountId)),
);
