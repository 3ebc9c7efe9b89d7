/** PATCH /scim/v2/Groups/{id}: members added and removed. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { patchGroupRoute } from '../../shared/routes/scim.ts';
import { patchGroupResource } from '../../shared/services/scim/groups.ts';

export const handler = scimHandler(patchGroupRoute, async ({ params, query, body, baseUrl }) => {
  const group = await patchGroupResource(params.id!, body, baseUrl, query.excludedAttributes);
  // RFC 7644 §3.5.2 allows 204 and requires 200 with the resource only when attributes were asked for;
  // Entra ID expects 204 (a member list in the answer "isn't advisable"), Okta takes either.
  return query.attributes || query.excludedAttributes ? { status: 200, body: group } : { status: 204 };
});
