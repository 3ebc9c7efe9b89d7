/**
 * The Lambda handler of a SCIM route. SCIM routes take no staff token: the identity provider
 * presents its long-lived bearer secret, checked here before anything else. Requests and answers
 * are SCIM's (application/scim+json, RFC 7644 §3.12 errors), not the contract's, because identity
 * providers act on `status` and `scimType`.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { isScimToken } from '../adapters/scim-token.ts';
import { publicBaseUrl } from '../config.ts';
import { isClientError } from '../errors.ts';
import { withInvocationContext } from '../invocation-context.ts';
import { errorSchema, invalidSyntax, ScimError } from '../services/scim/errors.ts';
import { logger } from '../telemetry.ts';
import type { RouteDefinition } from '../routes/types.ts';
import type { HttpResult } from './responses.ts';

/** What a SCIM route's function gets. */
export interface ScimRequest {
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: unknown;
  /** `<public base URL>/scim/v2`, for resources' `location` and `$ref`. */
  baseUrl: string;
}

/** What it answers: a status and a SCIM document (none for 204). */
export interface ScimResult {
  status: number;
  body?: unknown;
}

const scimJson = 'application/scim+json';

const respond = (status: number, body?: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode: status,
  headers: { 'content-type': scimJson, 'cache-control': 'no-store', ...headers },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

const refusal = (error: ScimError): HttpResult => respond(error.status, error.body());

/** The bearer token of the Authorization header, if it has one. */
const bearer = (header: string | undefined) => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

function parseBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw invalidSyntax('The body is not JSON.');
  }
}

/** A handler for `route` that authenticates the identity provider, then answers with `fn`. */
export function scimHandler(route: RouteDefinition, fn: (request: ScimRequest) => Promise<ScimResult>) {
  const key = `${route.method} ${route.path}`;
  const handler = async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    logger.appendKeys({ route: key });
    try {
      const token = bearer(event.headers?.authorization ?? event.headers?.Authorization);
      if (!token || !(await isScimToken(token)))
        return respond(
          401,
          { schemas: [errorSchema], status: '401', detail: 'The SCIM bearer token is missing or not valid.' },
          { 'www-authenticate': 'Bearer realm="scim"' },
        );
      const result = await fn({
        params: event.pathParameters ?? {},
        query: event.queryStringParameters ?? {},
        body: parseBody(event),
        baseUrl: `${publicBaseUrl()}/scim/v2`,
      });
      return respond(result.status, result.body);
    } catch (error) {
      if (error instanceof ScimError) return refusal(error);
      if (isClientError(error)) return refusal(new ScimError(error.status, error.message));
      logger.error('SCIM request failed', { errorName: (error as Error).name, errorMessage: (error as Error).message });
      return refusal(new ScimError(500, 'Internal error.'));
    }
  };
  const chain = middy<APIGatewayProxyEventV2, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(handler);
  return withInvocationContext(chain);
}
