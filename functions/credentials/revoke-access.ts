/** DELETE /accounts/{accountId}/grants/{staffId}: a director revokes a grant. */
import { noContent } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { revokeAccessRoute } from '../../shared/routes/credentials.ts';
import { revokeAccess } from '../../shared/services/grants.ts';

export const handler = routeHandler(revokeAccessRoute, async ({ caller, params }) => {
  await revokeAccess(caller, params.accountId, params.staffId);
  return noContent();
});
