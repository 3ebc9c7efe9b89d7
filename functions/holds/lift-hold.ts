/** DELETE /holds/{holdId}: lifts a hold, with the reason. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { liftHold } from '../../shared/services/holds.ts';

export const handler = routeHandler('DELETE /holds/{holdId}', async ({ caller, params, body }) => json(200, await liftHold(caller, params.holdId, body.reason)));
