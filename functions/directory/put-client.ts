/** PUT /directory/clients/{clientId}: a case system registered with the regions it serves. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { putClientRoute } from '../../shared/routes/directory.ts';
import { saveClient } from '../../shared/services/directory-admin.ts';

export const handler = routeHandler(putClientRoute, async ({ caller, params, body }) =>
  json(200, await saveClient(caller, params.clientId, body)),
);
