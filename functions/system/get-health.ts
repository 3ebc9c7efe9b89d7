/** GET /health: liveness for load balancers, the local runtime's readiness check and operators. */
import { json } from '../../shared/http/responses.ts';
import { publicRouteHandler } from '../../shared/http/route-handler.ts';
import { getHealthRoute } from '../../shared/routes/system.ts';

export const handler = publicRouteHandler(getHealthRoute, async () => json(200, { status: 'ok' }));
