/** GET /health: liveness for load balancers, the local runtime's readiness check and operators. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';

export const handler = routeHandler('GET /health', async () => json(200, { status: 'ok' }));
