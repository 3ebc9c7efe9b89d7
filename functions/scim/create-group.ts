/** POST /scim/v2/Groups. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { createGroupRoute } from '../../shared/routes/scim.ts';
import { createGroup } from '../../shared/services/scim/groups.ts';

export const handler = scimHandler(createGroupRoute, async ({ body, baseUrl }) => ({
  status: 201,
  body: await createGroup(body, baseUrl),
}));
