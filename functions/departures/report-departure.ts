/** POST /departures: revoke every grant, then run the departure workflow (TN-10). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { reportDepartureRoute } from '../../shared/routes/incidents.ts';
import { reportDeparture } from '../../shared/services/departures.ts';

export const handler = routeHandler(reportDepartureRoute, async ({ caller, body }) =>
  json(202, await reportDeparture(caller, body)),
);
