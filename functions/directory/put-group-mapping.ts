/** PUT /directory/group-mappings/{group}: what a group gives; its members' access follows at once. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { putGroupMappingRoute } from '../../shared/routes/directory.ts';
import { saveGroupMapping } from '../../shared/services/directory-admin.ts';

export const handler = routeHandler(putGroupMappingRoute, async ({ caller, params, body }) =>
  json(200, await saveGroupMapping(caller, params.group, body)),
);
