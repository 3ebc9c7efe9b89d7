/** GET /me/work: what needs the caller, in one call for the console's home (issue 18.5a). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getMyWorkRoute } from '../../shared/routes/system.ts';
import { myWork } from '../../shared/services/my-work.ts';

export const handler = routeHandler(getMyWorkRoute, async ({ caller }) => json(200, await myWork(caller)));
