/** POST /departures/{departureId}/reinstate: HR undoes a departure recorded in error. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { reinstatePersonRoute } from '../../shared/routes/incidents.ts';
import { reinstatePerson } from '../../shared/services/departure-reinstatement.ts';

export const handler = routeHandler(reinstatePersonRoute, async ({ caller, params, body }) =>
  json(200, await reinstatePerson(caller, params.departureId, body.reason)),
);
