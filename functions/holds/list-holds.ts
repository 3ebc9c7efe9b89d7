/** GET /holds: litigation holds, for operations and directors. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listHoldsRoute } from '../../shared/routes/contacts.ts';
import { viewHolds } from '../../shared/services/holds.ts';

export const handler = routeHandler(listHoldsRoute, async ({ caller, query }) =>
  json(200, await viewHolds(caller, query.status)),
);
