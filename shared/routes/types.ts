/** The shape of a route of the API; see shared/routes/index.ts. */
import type * as z from 'zod/mini';
import type { FunctionAccess } from '../access.ts';
import type { Role } from '../auth/roles.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteResponse {
  description: string;
  schema?: z.ZodMiniType;
  contentType?: 'application/json' | 'text/html' | 'application/x-ndjson' | 'text/csv';
}

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path syntax: `/accounts/{accountId}`. */
  path: string;
  /** Module under functions/ (without `.ts`) that exports `handler`. */
  handler: string;
  /**
   * `jwt`: bearer token required (contract); `public`: health, docs and the approval pages; `scim`: no
   * authorizer, the function checks the identity provider's SCIM bearer secret itself.
   */
  auth: 'jwt' | 'public' | 'scim';
  /** Roles allowed to call; the handler may narrow further (region, grant, policy rule). */
  roles?: readonly Role[];
  summary: string;
  request?: {
    params?: z.ZodMiniObject;
    query?: z.ZodMiniObject;
    /** Request headers the route reads (lower-case names), for the OpenAPI document; the handler parses them. */
    headers?: z.ZodMiniObject;
    body?: z.ZodMiniType;
    /** How the body is encoded; pages post forms, everything else JSON. */
    bodyType?: 'json' | 'form';
  };
  responses: Record<number, RouteResponse>;
  /** What the function may touch (its IAM policy in AWS). */
  access?: FunctionAccess;
}
