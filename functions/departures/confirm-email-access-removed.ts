/** POST /departures/{departureId}/email-access-removed: HR or IT confirms (TN-10). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { confirmEmailAccessRemovedRoute } from '../../shared/routes/incidents.ts';
import { confirmEmailAccessRemoved } from '../../shared/services/departures.ts';

export const handler = routeHandler(confirmEmailAccessRemovedRoute, async ({ caller, params }) => {
  await confirmEmailAccessRemoved(caller, params.departureId);
  return json(202, { departureId: params.departureId });
});
