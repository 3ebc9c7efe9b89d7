/** GET /scim/v2/Users: list or find users. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { listUsersRoute } from '../../shared/routes/scim.ts';
import { listUsers } from '../../shared/services/scim/users.ts';

export const handler = scimHandler(listUsersRoute, async ({ query, baseUrl }) => ({
  status: 200,
  body: await listUsers(query, baseUrl),
}));
