/** GET /incidents/{incidentId}: the incident record. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getIncidentRoute } from '../../shared/routes/incidents.ts';
import { viewIncident } from '../../shared/services/incidents.ts';

export const handler = routeHandler(getIncidentRoute, async ({ caller, params }) =>
  json(200, await viewIncident(caller, params.incidentId)),
);
