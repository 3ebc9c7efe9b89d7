/** GET /scim/v2/Schemas/{id}. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { getSchemaRoute } from '../../shared/routes/scim.ts';
import { schemas } from '../../shared/services/scim/discovery.ts';

export const handler = scimHandler(getSchemaRoute, async ({ params, baseUrl }) => ({
  status: 200,
  body: schemas(baseUrl, params.id),
}));
