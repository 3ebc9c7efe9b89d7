/** POST /accounts/{accountId}/monitoring: central office records its monitoring (MO-04). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { recordMonitoringRoute } from '../../shared/routes/accounts.ts';
import { recordMonitoring } from '../../shared/services/oversight.ts';

export const handler = routeHandler(recordMonitoringRoute, async ({ caller, params, body }) =>
  json(201, await recordMonitoring(caller, params.accountId, body)),
);
