/** POST /accounts/{accountId}/rotations: the administrator starts a password change (TN-09). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { requestRotationRoute } from '../../shared/routes/credentials.ts';
import { requestRotation } from '../../shared/services/rotation/api.ts';

export const handler = routeHandler(requestRotationRoute, async ({ caller, params, body }) =>
  json(202, await requestRotation(caller, params.accountId, body.reason)),
);
