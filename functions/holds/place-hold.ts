/** POST /holds: a litigation hold on a case or account (CT-06). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { placeHoldRoute } from '../../shared/routes/contacts.ts';
import { placeHold } from '../../shared/services/holds.ts';

export const handler = routeHandler(placeHoldRoute, async ({ caller, body }) =>
  json(201, await placeHold(caller, body)),
);
