/**
 * Turns a route of the table (shared/routes/) and a function of its validated input into a Lambda
 * handler: middy → logger context, metrics flush, correlation id → error translator →
 * authenticate/authorize (roles from the table) → body limits and parsing → zod validation → the
 * function. Handlers stay wiring only. A handler passes its own route const, never a key into the
 * whole table, so its bundle carries that route's schemas and strings and no other route's
 * (test/infra/route-bundles.test.ts).
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import httpUrlEncodeBodyParser from '@middy/http-urlencode-body-parser';
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { requireRole, type Caller } from '../auth/caller.ts';
import { resolveCaller, type CallerReader } from '../auth/directory-caller.ts';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';
import { invocationState, withInvocationContext } from '../invocation-context.ts';
import { pageStyleSource } from '../views/page.ts';
import type { RouteDefinition } from '../routes/types.ts';
import { logger, metrics } from '../telemetry.ts';
import { correlation } from './correlation.ts';
import { errorTranslator } from './error-translator.ts';
import type { HttpResult } from './responses.ts';
import { parseOrThrow } from './validate.ts';

/** Bodies above this are refused before parsing: nothing in the contract needs more. */
export const maxBodyBytes = 64 * 1024;

type Infer<T> = T extends z.ZodMiniType ? z.infer<T> : undefined;
type RequestOf<R extends RouteDefinition> = R extends { request: infer Q } ? Q : Record<string, never>;

/** What `fn` gets for route `R` (the type of a route const of shared/routes/, `as const`). */
export interface RouteInput<R extends RouteDefinition> {
  params: Infer<RequestOf<R> extends { params: infer P } ? P : undefined>;
  query: Infer<RequestOf<R> extends { query: infer Q } ? Q : undefined>;
  body: Infer<RequestOf<R> extends { body: infer B } ? B : undefined>;
  /** Present on every `jwt` route. */
  caller: R extends { auth: 'jwt' } ? Caller : undefined;
  event: APIGatewayProxyEventV2;
}

type Event = APIGatewayProxyEventV2 & { body?: unknown };

const bodyBytes = (event: Event): number =>
  typeof event.body === 'string' ? Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : 0;

/** Refuses what the route does not accept before any parsing happens. */
const bodyGate = (route: RouteDefinition): MiddlewareObj<Event, HttpResult> => ({
  before: async ({ event }) => {
    if (bodyBytes(event) > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
    const bodyType = route.request?.bodyType ?? 'json';
    if (route.request?.body && bodyType === 'form') {
      const contentType = event.headers['content-type'] ?? '';
      if (!contentType.startsWith('application/x-www-form-urlencoded')) {
        throw new UnsupportedMediaTypeError('application/x-www-form-urlencoded');
      }
    }
  },
});

/**
 * Issue 19.5: a route whose body has no required field (POST …/rotations: an optional reason) answers a
 * bare POST, no body and no content type, as if it were `{}`; the contract names no body there, so a 415
 * would only punish a client for sending nothing. A route that needs a body still parses it, and a
 * request without one still gets its 415.
 */
const bodyParser = (route: RouteDefinition, body: z.ZodMiniType): MiddlewareObj<Event, HttpResult> => {
  const parser = route.request?.bodyType === 'form' ? httpUrlEncodeBodyParser() : httpJsonBodyParser();
  const optional = body.safeParse({}).success;
  return {
    before: async (request) => {
      const { event } = request;
      if (optional && (event.body === undefined || event.body === null || event.body === '')) {
        (event as { body?: unknown }).body = {};
        return;
      }
      return parser.before?.(request as never);
    },
  };
};

/**
 * Authentication and the route's role requirement, before the body is even looked at. The token names
 * the caller; their roles, region and standing come from the directory, read once a request.
 */
const authorize = (route: RouteDefinition, readCaller?: ReadCallerFor): MiddlewareObj<Event, HttpResult> => ({
  before: async (request) => {
    const { caller, entry } = await resolveCaller(request.event as never, readCaller?.(request.event));
    logger.appendKeys({ callerId: caller.id });
    if (route.roles) requireRole(caller, route.roles);
    // For the handler's input, and for a handler that needs the caller's own record.
    const state = invocationState();
    state.caller = caller;
    state.callerEntry = entry;
  },
});

/**
 * Security headers on every response; the CSP lets a page use USWDS's stylesheet, fonts and images from
 * this origin and its own inline stylesheet (by hash), and post forms to this origin, and nothing else:
 * no script, no frames, no other origins.
 */
const securityHeaders = () =>
  httpSecurityHeaders({
    contentSecurityPolicy: {
      'default-src': "'none'",
      'style-src': `'self' ${pageStyleSource}`,
      'font-src': "'self'",
      'img-src': "'self' data:",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
      sandbox: false as unknown as string,
      'report-to': false as unknown as string,
      'upgrade-insecure-requests': false as unknown as string,
    },
    referrerPolicy: { policy: 'no-referrer' },
  });

/**
 * For a route whose own first read can carry the caller's directory record (POST /contacts): given
 * the raw event, before any validation, a reader to use instead of the GetItem, or undefined.
 */
export type ReadCallerFor = (event: APIGatewayProxyEventV2) => CallerReader | undefined;

/**
 * A Lambda handler for a `jwt` route (its const from shared/routes/<capability>.ts) that calls `fn`
 * with the validated input and the caller, read from the directory (with `readCaller`, as the route reads it).
 */
export function routeHandler<R extends RouteDefinition & { auth: 'jwt' }>(
  route: R,
  fn: (input: RouteInput<R>) => Promise<HttpResult>,
  readCaller?: ReadCallerFor,
) {
  return buildHandler(route, fn, authorize(route, readCaller));
}

/**
 * A Lambda handler for a `public` route (health, OpenAPI, the emailed decision pages): no caller, so
 * its function neither reads the directory nor holds the right to.
 */
export function publicRouteHandler<R extends RouteDefinition & { auth: 'public' }>(
  route: R,
  fn: (input: RouteInput<R>) => Promise<HttpResult>,
) {
  return buildHandler(route, fn);
}

function buildHandler<R extends RouteDefinition>(
  route: R,
  fn: (input: RouteInput<R>) => Promise<HttpResult>,
  guard?: MiddlewareObj<Event, HttpResult>,
) {
  const key = `${route.method} ${route.path}`;
  const asPage = (route.responses[200] ?? route.responses[201])?.contentType === 'text/html';
  const chain = middy<Event, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(correlation())
    .use(securityHeaders())
    .use(errorTranslator({ asPage }))
    .use(httpHeaderNormalizer());
  if (guard) chain.use(guard);
  chain.use(bodyGate(route));
  if (route.request?.body) chain.use(bodyParser(route, route.request.body));
  // The store is entered around the whole chain: a middleware cannot enter it for the ones after it.
  const handler = chain.handler(async (event) => {
    logger.appendKeys({ route: key });
    const request = route.request;
    const input = {
      params: request?.params ? parseOrThrow(request.params, event.pathParameters ?? {}, 'path') : undefined,
      query: request?.query ? parseOrThrow(request.query, event.queryStringParameters ?? {}, 'query') : undefined,
      body: request?.body ? parseOrThrow(request.body, event.body, 'body') : undefined,
      caller: invocationState().caller,
      event,
    };
    return fn(input as unknown as RouteInput<R>);
  });
  return withInvocationContext(handler);
}
