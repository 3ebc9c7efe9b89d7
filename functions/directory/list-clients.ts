/** GET /directory/clients: the registered machine clients. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listClientsRoute } from '../../shared/routes/directory.ts';
import { clients } from '../../shared/services/directory-admin.ts';

export const handler = routeHandler(listClientsRoute, async () => json(200, await clients()));
