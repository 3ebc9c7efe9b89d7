/** GET /incidents/{incidentId}: the incident record. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { viewIncident } from '../../shared/services/incidents.ts';

export const handler = routeHandler('GET /incidents/{incidentId}', async ({ caller, params }) => json(200, await viewIncident(caller, params.incidentId)));
