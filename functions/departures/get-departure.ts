/** GET /departures/{departureId}: the departure and its live leaver report. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getDepartureRoute } from '../../shared/routes/incidents.ts';
import { viewDeparture } from '../../shared/services/departures.ts';

export const handler = routeHandler(getDepartureRoute, async ({ caller, params }) =>
  json(200, await viewDeparture(caller, params.departureId)),
);
