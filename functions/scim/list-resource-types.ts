/** GET /scim/v2/ResourceTypes. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { listResourceTypesRoute } from '../../shared/routes/scim.ts';
import { resourceTypes } from '../../shared/services/scim/discovery.ts';

export const handler = scimHandler(listResourceTypesRoute, async ({ baseUrl }) => ({
  status: 200,
  body: resourceTypes(baseUrl),
}));
