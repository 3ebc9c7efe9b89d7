/** GET /directory/group-mappings: the agency's group mapping. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listGroupMappingsRoute } from '../../shared/routes/directory.ts';
import { groupMappings } from '../../shared/services/directory-admin.ts';

export const handler = routeHandler(listGroupMappingsRoute, async () => json(200, await groupMappings()));
