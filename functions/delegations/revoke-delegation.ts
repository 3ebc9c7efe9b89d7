/** DELETE /delegations/{delegationId}: the approver ends a delegation. */
import { noContent } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { revokeDelegationRoute } from '../../shared/routes/account-requests.ts';
import { revokeOwnDelegation } from '../../shared/services/delegations.ts';

export const handler = routeHandler(revokeDelegationRoute, async ({ caller, params }) => {
  await revokeOwnDelegation(caller, params.delegationId);
  return noContent();
});
