/** POST /departures: revoke every grant, then run the departure workflow (TN-10). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { reportDeparture } from '../../shared/services/departures.ts';

export const handler = routeHandler('POST /departures', async ({ caller, body }) => json(202, await reportDeparture(caller, body)));
