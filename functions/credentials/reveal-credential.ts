/** GET /accounts/{accountId}/credential: an audited reveal to someone allowed to see it. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { revealCredentialRoute } from '../../shared/routes/credentials.ts';
import { revealCredential } from '../../shared/services/credentials.ts';

export const handler = routeHandler(revealCredentialRoute, async ({ caller, params, query, event }) =>
  json(
    200,
    await revealCredential(caller, params.accountId, query.version ?? 'current', {
      sourceIp: event.requestContext.http.sourceIp,
      userAgent: event.requestContext.http.userAgent,
    }),
  ),
);
