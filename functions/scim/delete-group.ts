/** DELETE /scim/v2/Groups/{id}. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { deleteGroupRoute } from '../../shared/routes/scim.ts';
import { deleteGroup } from '../../shared/services/scim/groups.ts';

export const handler = scimHandler(deleteGroupRoute, async ({ params }) => {
  await deleteGroup(params.id!);
  return { status: 204 };
});
