/** POST /incidents: record it, then the workflow tells the directors at once (TN-06). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { reportIncidentRoute } from '../../shared/routes/incidents.ts';
import { reportIncident } from '../../shared/services/incidents.ts';

export const handler = routeHandler(reportIncidentRoute, async ({ caller, body }) =>
  json(202, await reportIncident(caller, body)),
);
