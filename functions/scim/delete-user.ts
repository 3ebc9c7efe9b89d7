/** DELETE /scim/v2/Users/{id}: gone for SCIM, a departure for the agency. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { deleteUserRoute } from '../../shared/routes/scim.ts';
import { deleteUser } from '../../shared/services/scim/users.ts';

export const handler = scimHandler(deleteUserRoute, async ({ params }) => {
  await deleteUser(params.id!);
  return { status: 204 };
});
