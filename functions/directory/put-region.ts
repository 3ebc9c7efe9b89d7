/** PUT /regions/{regionId}: a region and its offices, created or replaced. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { putRegionRoute } from '../../shared/routes/directory.ts';
import { saveRegion } from '../../shared/services/directory-admin.ts';

export const handler = routeHandler(putRegionRoute, async ({ caller, params, body }) =>
  json(200, await saveRegion(caller, params.regionId, body)),
);
