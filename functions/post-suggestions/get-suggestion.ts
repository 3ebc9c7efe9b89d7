/** GET /post-suggestions/{suggestionId}: status and decision history. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getSuggestionRoute } from '../../shared/routes/post-suggestions.ts';
import { viewSuggestion } from '../../shared/services/post-suggestions.ts';

export const handler = routeHandler(getSuggestionRoute, async ({ caller, params }) =>
  json(200, await viewSuggestion(caller, params.suggestionId)),
);
