/** POST /incidents/{incidentId}/hotline-report: the hotline reference closes the incident (TN-14). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { recordHotlineReportRoute } from '../../shared/routes/incidents.ts';
import { recordHotline } from '../../shared/services/incidents.ts';

export const handler = routeHandler(recordHotlineReportRoute, async ({ caller, params, body }) =>
  json(200, await recordHotline(caller, params.incidentId, body)),
);
