/** GET /ops/executions: one workflow's recent executions. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listExecutionsRoute } from '../../shared/routes/ops.ts';
import { recentExecutions } from '../../shared/services/execution-views.ts';

export const handler = routeHandler(listExecutionsRoute, async ({ query }) =>
  json(
    200,
    await recentExecutions(query.workflow, {
      ...(query.status ? { status: query.status } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
    }),
  ),
);
