/** GET /scim/v2/Groups/{id}. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { getGroupRoute } from '../../shared/routes/scim.ts';
import { readGroupResource } from '../../shared/services/scim/groups.ts';

export const handler = scimHandler(getGroupRoute, async ({ params, query, baseUrl }) => ({
  status: 200,
  body: await readGroupResource(params.id!, baseUrl, query.excludedAttributes),
}));
