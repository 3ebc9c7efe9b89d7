/** POST /incidents/{incidentId}/hotline-report: the hotline reference closes the incident (TN-14). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { recordHotline } from '../../shared/services/incidents.ts';

export const handler = routeHandler('POST /incidents/{incidentId}/hotline-report', async ({ caller, params, body }) => json(200, await recordHotline(caller, params.incidentId, body)));
