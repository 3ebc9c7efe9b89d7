/** GET /regions: every region and its offices. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listRegionsRoute } from '../../shared/routes/directory.ts';
import { regions } from '../../shared/services/directory-admin.ts';

export const handler = routeHandler(listRegionsRoute, async () => json(200, await regions()));
