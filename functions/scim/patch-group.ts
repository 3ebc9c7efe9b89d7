/** PATCH /scim/v2/Groups/{id}: members added and removed. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { patchGroupRoute } from '../../shared/routes/scim.ts';
import { patchGroupResource } from '../../shared/services/scim/groups.ts';

export const handler = scimHandler(patchGroupRoute, async ({ params, body, baseUrl }) => ({
  status: 200,
  body: await patchGroupResource(params.id!, body, baseUrl),
}));
