/** POST /accounts/{accountId}/rotations/{rotationId}/confirm: the new password is set on the platform. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { confirmRotationRoute } from '../../shared/routes/credentials.ts';
import { confirmRotation } from '../../shared/services/rotation/api.ts';

export const handler = routeHandler(confirmRotationRoute, async ({ caller, params }) =>
  json(200, await confirmRotation(caller, params.accountId, params.rotationId)),
);
