/** GET /disposals: the disposal log of one day (CT-06), for operations. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listDisposalsRoute } from '../../shared/routes/contacts.ts';
import { viewDisposals } from '../../shared/services/disposal.ts';

export const handler = routeHandler(listDisposalsRoute, async ({ query }) =>
  json(200, await viewDisposals(query.date)),
);
