/** GET /ops/status.json: the operations status as data. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getStatusRoute } from '../../shared/routes/ops.ts';
import { operationsStatus } from '../../shared/services/operations.ts';

export const handler = routeHandler(getStatusRoute, async () => json(200, await operationsStatus()));
