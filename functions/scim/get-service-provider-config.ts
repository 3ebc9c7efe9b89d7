/** GET /scim/v2/ServiceProviderConfig. */
import { scimHandler } from '../../shared/http/scim-handler.ts';
import { getServiceProviderConfigRoute } from '../../shared/routes/scim.ts';
import { serviceProviderConfig } from '../../shared/services/scim/discovery.ts';

export const handler = scimHandler(getServiceProviderConfigRoute, async ({ baseUrl }) => ({
  status: 200,
  body: serviceProviderConfig(baseUrl),
}));
