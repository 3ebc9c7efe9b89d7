/** POST /accounts/{accountId}/rotations: the administrator starts a password change (TN-09). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { requestRotation } from '../../shared/services/rotation.ts';

export const handler = routeHandler('POST /accounts/{accountId}/rotations', async ({ caller, params, body }) =>
  json(202, await requestRotation(caller, params.accountId, body.reason)),
);
