/** GET /openapi.json: the API description, generated from the route table. */
import { publicBaseUrl } from '../../shared/config.ts';
import { json } from '../../shared/http/responses.ts';
import { publicRouteHandler } from '../../shared/http/route-handler.ts';
import { openApiDocument } from '../../shared/openapi.ts';
import { getOpenapiRoute } from '../../shared/routes/system.ts';

let document: unknown;

export const handler = publicRouteHandler(getOpenapiRoute, async () => {
  document ??= openApiDocument(publicBaseUrl());
  return json(200, document, { 'cache-control': 'public, max-age=300' });
});
