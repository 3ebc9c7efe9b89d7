/** GET /ops/status.json: the operations status as data. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { operationsStatus } from '../../shared/services/operations.ts';

export const handler = routeHandler('GET /ops/status.json', async () => json(200, await operationsStatus()));
