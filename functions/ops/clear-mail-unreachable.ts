/** POST /ops/staff/{staffId}/mail-reachable: operations say mail reaches the person again (issue 19.1). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { clearMailUnreachableRoute } from '../../shared/routes/ops.ts';
import { markMailReachable } from '../../shared/services/mail-reach.ts';

export const handler = routeHandler(clearMailUnreachableRoute, async ({ caller, params }) =>
  json(200, await markMailReachable(caller, params.staffId)),
);
