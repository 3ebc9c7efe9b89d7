/** POST /departures/{departureId}/standing: HR corrects a departure's standing. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { correctStandingRoute } from '../../shared/routes/incidents.ts';
import { correctStanding } from '../../shared/services/departure-standing.ts';

export const handler = routeHandler(correctStandingRoute, async ({ caller, params, body }) =>
  json(200, await correctStanding(caller, params.departureId, body)),
);
