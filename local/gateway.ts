/**
 * The local HTTP API: serves the route table as an API Gateway HTTP API ($default stage, payload
 * format 2.0) would, verifying bearer tokens where the table says `jwt` and handing the function
 * the authorizer's claims. Tokens come from the local OpenID Provider (local/openid-provider.ts).
 * Differences from AWS are deliberate and few: a refused token gets the contract's error body
 * (AWS's authorizer answers `{"message":"Unauthorized"}`), and there is no throttling.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { toErrorResponse } from '../shared/http/error-translator.ts';
import { errorResponse, type HttpResult } from '../shared/http/responses.ts';
import { UnauthenticatedError } from '../shared/errors.ts';
import { routeList, type RouteDefinition } from '../shared/routes/index.ts';
import { functionNameOf } from '../shared/workflows.ts';
import type { JSONWebKeySet } from 'jose';
import { listen } from './ports.ts';
import { authorizerClaims, createTokenVerifier } from './verify-token.ts';

/** API Gateway's own payload limit. */
const maxPayloadBytes = 10 * 1024 * 1024;
const textContentType = /^(text\/|application\/(json|x-www-form-urlencoded|xml|.*\+json))/i;

interface CompiledRoute {
  route: RouteDefinition & { key: string };
  pattern: RegExp;
  params: string[];
}

function compile(route: RouteDefinition & { key: string }): CompiledRoute {
  const params: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), params };
}

export interface GatewayOptions {
  port: number;
  host: string;
  /** The issuer the authorizer trusts, with its published keys (what an HTTP API's JWT authorizer fetches). */
  issuer: { issuer: string; audience: string; jwks: JSONWebKeySet };
  invoke: (functionName: string, event: unknown) => Promise<unknown>;
  onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
  /** A static site on the same origin under `prefix` (the console, issue 18): GET only, never routed to a function. */
  site?: { prefix: string; handle(pathname: string): Promise<HttpResult> };
}

export interface Gateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxPayloadBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxPayloadBytes ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Multi-value headers and query parameters are comma-joined, as payload format 2.0 does. */
function joinValues(entries: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of entries) out[key] = key in out ? `${out[key]},${value}` : value;
  return out;
}

/** Path parameters as API Gateway hands them over, decoded; undefined when one is not valid percent-encoding. */
function decodePathValues(raw: string[]): string[] | undefined {
  try {
    return raw.map((value) => decodeURIComponent(value));
  } catch {
    return undefined;
  }
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  match: CompiledRoute,
  values: string[],
  claims: Record<string, string> | undefined,
): APIGatewayProxyEventV2 {
  const headers = joinValues(
    Object.entries(req.headersDistinct).flatMap(([key, list]) =>
      (list ?? []).map((value): [string, string] => [key.toLowerCase(), value]),
    ),
  );
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || textContentType.test(contentType);
  const now = new Date();
  const requestId = randomUUID();
  const query = [...url.searchParams.entries()];
  return {
    version: '2.0',
    routeKey: match.route.key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(headers.cookie ? { cookies: headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(query.length > 0 ? { queryStringParameters: joinValues(query) } : {}),
    ...(match.params.length > 0
      ? { pathParameters: Object.fromEntries(match.params.map((name, i) => [name, values[i]!])) }
      : {}),
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: {
        method: req.method!,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: match.route.key,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
  };
}

function send(res: ServerResponse, result: APIGatewayProxyResultV2): number {
  const structured: HttpResult =
    typeof result === 'string' || result === undefined || result === null || !('statusCode' in (result as object))
      ? {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: typeof result === 'string' ? result : JSON.stringify(result),
        }
      : (result as HttpResult);
  const headers: Record<string, string | string[]> = { ...(structured.headers as Record<string, string>) };
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body =
    structured.body === undefined
      ? ''
      : structured.isBase64Encoded
        ? Buffer.from(structured.body, 'base64')
        : structured.body;
  res.writeHead(structured.statusCode, headers);
  res.end(body);
  return structured.statusCode;
}

/** Starts the gateway; resolves once it is listening. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const compiled = routeList().map(compile);
  const verify = createTokenVerifier({
    issuer: options.issuer.issuer,
    audience: options.issuer.audience,
    jwks: options.issuer.jwks,
  });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? `${options.host}:${options.port}`}`);
    } catch {
      // A Host header that is not a host (`a b`, `[::1`): the client's error, as in API Gateway.
      return send(res, errorResponse(400, 'InvalidRequest', "The request's target or Host header is malformed."));
    }
    const site = options.site;
    if (site && (url.pathname === site.prefix || url.pathname.startsWith(`${site.prefix}/`))) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, errorResponse(405, 'MethodNotAllowed', `${req.method} is not allowed on ${url.pathname}.`));
      return send(res, await site.handle(url.pathname));
    }
    const candidates = compiled.filter((c) => c.pattern.test(url.pathname));
    const match = candidates.find((c) => c.route.method === req.method);
    if (!match) {
      return candidates.length > 0
        ? send(res, errorResponse(405, 'MethodNotAllowed', `${req.method} is not allowed on ${url.pathname}.`))
        : send(res, errorResponse(404, 'NotFound', `No route for ${req.method} ${url.pathname}.`));
    }
    const body = await readBody(req);
    if (body === 'too-large')
      return send(res, errorResponse(413, 'PayloadTooLarge', 'The request body is larger than the API accepts.'));
    let claims: Record<string, string> | undefined;
    if (match.route.auth === 'jwt') {
      const payload = await verify(req.headers.authorization);
      if (!payload) return send(res, toErrorResponse(new UnauthenticatedError()));
      claims = authorizerClaims(payload);
    }
    const values = decodePathValues(match.pattern.exec(url.pathname)!.slice(1));
    if (!values)
      return send(
        res,
        errorResponse(400, 'InvalidRequest', 'The path is not validly percent-encoded.', [
          { field: 'path', message: 'malformed percent-encoding' },
        ]),
      );
    const event = toEvent(req, url, body, match, values, claims);
    try {
      return send(res, (await options.invoke(functionNameOf(match.route.handler), event)) as APIGatewayProxyResultV2);
    } catch {
      // A function that throws past its own error translator is a 500 in API Gateway too.
      return send(res, errorResponse(500, 'InternalError', 'Internal Server Error'));
    }
  };
  const server: Server = createServer((req, res) => {
    const started = performance.now();
    handle(req, res)
      .then((status) =>
        options.onRequest?.({
          method: req.method ?? '',
          path: (req.url ?? '').split('?')[0]!,
          status,
          ms: Math.round(performance.now() - started),
        }),
      )
      .catch(() => {
        if (!res.headersSent) send(res, errorResponse(500, 'InternalError', 'Internal Server Error'));
      });
  });
  server.keepAliveTimeout = 5_000;
  const port = await listen(server, options.port, options.host);
  return {
    url: `http://${options.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
