/** DELETE /directory/clients/{clientId}: the client reaches nothing from its next request. */
import { noContent } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { deleteClientRoute } from '../../shared/routes/directory.ts';
import { removeClient } from '../../shared/services/directory-admin.ts';

export const handler = routeHandler(deleteClientRoute, async ({ caller, params }) => {
  await removeClient(caller, params.clientId);
  return noContent();
});
