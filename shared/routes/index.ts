/**
 * The route table: the single definition of the HTTP API, one file per capability. The CDK stack
 * (infra/constructs/api.ts) turns it into HTTP API routes and Lambda functions, the local gateway
 * serves it, handlers take their roles and schemas from it (shared/http/route-handler.ts), and
 * GET /openapi.json is generated from it.
 *
 * Each route is its own exported const (`recordContactRoute` for functions/contacts/record-contact)
 * and a handler imports only that one, so esbuild leaves every other route, its summary and its
 * schemas out of the handler's bundle. That holds only while a route const is literals and
 * references: a spread (`...shared`) or a call in it makes esbuild keep it in every bundle that
 * imports its file. test/infra/route-bundles.test.ts checks both.
 */
import { accountRequestRoutes } from './account-requests.ts';
import { accountRoutes } from './accounts.ts';
import { contactRoutes } from './contacts.ts';
import { credentialRoutes } from './credentials.ts';
import { directoryRoutes } from './directory.ts';
import { incidentRoutes } from './incidents.ts';
import { opsRoutes } from './ops.ts';
import { postSuggestionRoutes } from './post-suggestions.ts';
import { recordRoutes } from './records.ts';
import { scimRoutes } from './scim.ts';
import { systemRoutes } from './system.ts';
import type { RouteDefinition } from './types.ts';

export type { HttpMethod, RouteDefinition, RouteResponse } from './types.ts';

export const routes = {
  ...systemRoutes,
  ...accountRequestRoutes,
  ...accountRoutes,
  ...credentialRoutes,
  ...contactRoutes,
  ...incidentRoutes,
  ...postSuggestionRoutes,
  ...recordRoutes,
  ...opsRoutes,
  ...scimRoutes,
  ...directoryRoutes,
} as const satisfies Record<string, RouteDefinition>;

export type RouteKey = keyof typeof routes;

/** Every route as a list, for the CDK stack, the gateway and the docs. */
export const routeList = (): Array<RouteDefinition & { key: RouteKey }> =>
  (Object.entries(routes) as Array<[RouteKey, RouteDefinition]>).map(([key, route]) => ({ key, ...route }));
