/**
 * POST /accounts/{accountId}/grants: a director grants a staff member access (TN-07): 201 in force,
 * or 202 pending where the profile's approvers decide first (NJ-02).
 */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { grantAccessRoute } from '../../shared/routes/credentials.ts';
import { grantAccess } from '../../shared/services/grants.ts';

export const handler = routeHandler(grantAccessRoute, async ({ caller, params, body }) => {
  const grant = await grantAccess(caller, params.accountId, body);
  const pending = grant.status === 'pending';
  return json(pending ? 202 : 201, { ...grant, active: !pending, ...(pending ? { state: 'pending' } : {}) });
});
