/** POST /ops/executions/{workflow}/{name}/redrive: the console's Redrive (issue 18, 19.7). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { redriveExecutionRoute } from '../../shared/routes/ops.ts';
import { redriveWorkflowExecution } from '../../shared/services/execution-views.ts';

export const handler = routeHandler(redriveExecutionRoute, async ({ caller, params }) => {
  const result = await redriveWorkflowExecution(caller, params.workflow, params.name);
  return json(result.redriven ? 202 : 200, result);
});
