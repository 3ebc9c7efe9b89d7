/** GET /scim/v2/Users/{id}. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { getUserRoute } from '../../shared/routes/scim.ts';
import { readUserResource } from '../../shared/services/scim/users.ts';

export const handler = scimHandler(getUserRoute, async ({ params, baseUrl }) => ({
  status: 200,
  body: await readUserResource(params.id!, baseUrl),
}));
