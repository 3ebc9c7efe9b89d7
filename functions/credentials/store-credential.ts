/** PUT /accounts/{accountId}/credential: the administrator stores the first login (TN-05). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { storeCredentialRoute } from '../../shared/routes/credentials.ts';
import { storeInitialCredential } from '../../shared/services/credentials.ts';

export const handler = routeHandler(storeCredentialRoute, async ({ caller, params, body }) =>
  json(201, await storeInitialCredential(caller, params.accountId, body)),
);
