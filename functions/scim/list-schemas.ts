/** GET /scim/v2/Schemas. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { listSchemasRoute } from '../../shared/routes/scim.ts';
import { schemas } from '../../shared/services/scim/discovery.ts';

export const handler = scimHandler(listSchemasRoute, async ({ baseUrl }) => ({ status: 200, body: schemas(baseUrl) }));
