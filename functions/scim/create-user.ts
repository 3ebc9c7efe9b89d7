/** POST /scim/v2/Users: provision a person. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { createUserRoute } from '../../shared/routes/scim.ts';
import { createUser } from '../../shared/services/scim/users.ts';

export const handler = scimHandler(createUserRoute, async ({ body, baseUrl }) => ({
  status: 201,
  body: await createUser(body, baseUrl),
}));
