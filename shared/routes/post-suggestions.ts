/** Suggested public posts (MO-01, MO-02, MO-03), decided through the emailed decision links. */
import {
  suggestionBody,
  suggestionList,
  suggestionParams,
  suggestionQuery,
  suggestionView,
  submitted,
} from '../schemas/post-suggestions.ts';
import type { RouteDefinition } from './types.ts';

export const submitSuggestionRoute = {
  method: 'POST',
  path: '/post-suggestions',
  handler: 'post-suggestions/submit-suggestion',
  auth: 'jwt',
  roles: ['staff', 'supervisor'],
  summary:
    "A staff member suggests a post for the department's public account (MO-01), attesting photo permission and " +
    'confidentiality (MO-02); it goes to their supervisor.',
  request: { body: suggestionBody },
  responses: { 202: { description: 'Submitted; the supervisor is emailed a decision link.', schema: submitted } },
  access: { tables: { accounts: 'readwrite', directory: 'read' }, workflows: { postSuggestion: ['start'] } },
} as const satisfies RouteDefinition;

export const listSuggestionsRoute = {
  method: 'GET',
  path: '/post-suggestions',
  handler: 'post-suggestions/list-suggestions',
  auth: 'jwt',
  summary:
    "Communications' queue by status (MO-03; default: waiting for Communications); anyone else sees their own " +
    'suggestions.',
  request: { query: suggestionQuery },
  responses: { 200: { description: 'The suggestions.', schema: suggestionList } },
  access: { tables: { accounts: 'read' } },
} as const satisfies RouteDefinition;

export const getSuggestionRoute = {
  method: 'GET',
  path: '/post-suggestions/{suggestionId}',
  handler: 'post-suggestions/get-suggestion',
  auth: 'jwt',
  summary: "A suggestion's status and decision history, for its submitter, their supervisor and Communications.",
  request: { params: suggestionParams },
  responses: { 200: { description: 'The suggestion.', schema: suggestionView } },
  access: { tables: { accounts: 'read' } },
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const postSuggestionRoutes = {
  'POST /post-suggestions': submitSuggestionRoute,
  'GET /post-suggestions': listSuggestionsRoute,
  'GET /post-suggestions/{suggestionId}': getSuggestionRoute,
} as const satisfies Record<string, RouteDefinition>;
