/** GET /ops/executions/{workflow}/{name}: one execution and its timeline. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getExecutionRoute } from '../../shared/routes/ops.ts';
import { executionWithTimeline } from '../../shared/services/execution-views.ts';

export const handler = routeHandler(getExecutionRoute, async ({ params }) =>
  json(200, await executionWithTimeline(params.workflow, params.name)),
);
