/** PUT /scim/v2/Users/{id}: Okta's updates and deactivation. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { replaceUserRoute } from '../../shared/routes/scim.ts';
import { replaceUser } from '../../shared/services/scim/users.ts';

export const handler = scimHandler(replaceUserRoute, async ({ params, body, baseUrl }) => ({
  status: 200,
  body: await replaceUser(params.id!, body, baseUrl),
}));
