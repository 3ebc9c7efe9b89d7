/** DELETE /holds/{holdId}: lifts a hold, with the reason. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { liftHoldRoute } from '../../shared/routes/contacts.ts';
import { liftHold } from '../../shared/services/holds.ts';

export const handler = routeHandler(liftHoldRoute, async ({ caller, params, body }) =>
  json(200, await liftHold(caller, params.holdId, body.reason)),
);
