/** PUT /scim/v2/Groups/{id} (Okta). */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { replaceGroupRoute } from '../../shared/routes/scim.ts';
import { replaceGroup } from '../../shared/services/scim/groups.ts';

export const handler = scimHandler(replaceGroupRoute, async ({ params, body, baseUrl }) => ({
  status: 200,
  body: await replaceGroup(params.id!, body, baseUrl),
}));
