/** PATCH /scim/v2/Users/{id}: Entra ID's updates and deactivation. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { patchUserRoute } from '../../shared/routes/scim.ts';
import { patchUserResource } from '../../shared/services/scim/users.ts';

export const handler = scimHandler(patchUserRoute, async ({ params, body, baseUrl }) => ({
  status: 200,
  body: await patchUserResource(params.id!, body, baseUrl),
}));
