/** GET /accounts/{accountId}/audit: the account's trail for its directors and supervisors (CT-10). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getAuditTrailRoute } from '../../shared/routes/credentials.ts';
import { accountAudit } from '../../shared/services/credentials.ts';

export const handler = routeHandler(getAuditTrailRoute, async ({ caller, params, query }) =>
  json(200, await accountAudit(caller, params.accountId, query.limit)),
);
