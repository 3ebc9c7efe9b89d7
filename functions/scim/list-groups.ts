/** GET /scim/v2/Groups: list or find groups. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { listGroupsRoute } from '../../shared/routes/scim.ts';
import { listGroupResources } from '../../shared/services/scim/groups.ts';

export const handler = scimHandler(listGroupsRoute, async ({ query, baseUrl }) => ({
  status: 200,
  body: await listGroupResources(query, baseUrl),
}));
