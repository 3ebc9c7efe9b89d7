/** POST /post-suggestions: a staff member suggests a public post (MO-01, MO-02). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { submitSuggestionRoute } from '../../shared/routes/post-suggestions.ts';
import { submitSuggestion } from '../../shared/services/post-suggestions.ts';

export const handler = routeHandler(submitSuggestionRoute, async ({ caller, body }) =>
  json(202, await submitSuggestion(caller, body)),
);
