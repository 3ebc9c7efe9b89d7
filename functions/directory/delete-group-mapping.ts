/** DELETE /directory/group-mappings/{group}: the group gives nothing any more. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { deleteGroupMappingRoute } from '../../shared/routes/directory.ts';
import { removeGroupMapping } from '../../shared/services/directory-admin.ts';

export const handler = routeHandler(deleteGroupMappingRoute, async ({ caller, params }) =>
  json(200, await removeGroupMapping(caller, params.group)),
);
