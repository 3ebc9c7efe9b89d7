/** GET /post-suggestions: Communications' queue, or the caller's own suggestions (MO-03). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listSuggestionsRoute } from '../../shared/routes/post-suggestions.ts';
import { listSuggestions } from '../../shared/services/post-suggestions.ts';

export const handler = routeHandler(listSuggestionsRoute, async ({ caller, query }) =>
  json(200, await listSuggestions(caller, query.status)),
);
