/**
 * The OpenAPI 3.1 document, generated from the route table and its zod schemas so the description
 * cannot drift from what the handlers validate.
 */
import * as z from 'zod/mini';
import { routeList, type RouteDefinition } from './routes/index.ts';
import { errorBody } from './schemas/common.ts';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const errorStatuses: Record<number, string> = {
  400: 'Invalid input; `details` names each bad field.',
  401:
    "No bearer token or one that does not verify: API Gateway's JWT authorizer answers itself, before any function, " +
    'with `{"message":"Unauthorized"}` and a `www-authenticate` header (`Bearer`, with `error="invalid_token"` and ' +
    'an `error_description` when a token was sent). A valid token naming no one in the staff directory gets the ' +
    "API's own error body, code `UnknownIdentity`.",
  403: 'Not allowed; the message names the rule. A person the directory records as departed gets `TN-10` everywhere.',
  404: 'Not found.',
  409: 'Conflict: already decided or a duplicate.',
  410: 'The link has expired.',
  413: 'The body is too large.',
  415: 'The body is not of the expected media type.',
  422: 'Refused by a policy rule; `code` is the rule id.',
  503: 'A dependency is unavailable; retry.',
};

function parametersOf(route: RouteDefinition): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [location, schema] of [
    ['path', route.request?.params],
    ['query', route.request?.query],
    ['header', route.request?.headers],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: location,
        required: location === 'path' || (json.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return out;
}

const errorResponse = (status: number): JsonSchema => ({
  description: errorStatuses[status],
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/**
 * Issue 19.5: most 401s never reach a function: API Gateway's authorizer sends its own body and header, so
 * a client must expect either shape (the local gateway answers with the API's Error body instead).
 */
const unauthorized: JsonSchema = {
  description: errorStatuses[401],
  headers: {
    'www-authenticate': {
      description:
        "Sent by API Gateway's authorizer: `Bearer` when no token came, else e.g. " +
        '`Bearer scope="" error="invalid_token" error_description="the token has expired"`.',
      schema: { type: 'string' },
    },
  },
  content: {
    'application/json': {
      schema: {
        oneOf: [{ $ref: '#/components/schemas/GatewayUnauthorized' }, { $ref: '#/components/schemas/Error' }],
      },
    },
  },
};

/** The body API Gateway's JWT authorizer sends with its 401, exactly. */
const gatewayUnauthorized: JsonSchema = {
  type: 'object',
  properties: { message: { type: 'string', const: 'Unauthorized' } },
  required: ['message'],
  additionalProperties: false,
};

function operationOf(route: RouteDefinition & { key: string }): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const contentType = response.contentType ?? 'application/json';
    responses[status] = {
      description: response.description,
      ...(response.schema || contentType !== 'application/json'
        ? { content: { [contentType]: response.schema ? { schema: schemaOf(response.schema, 'output') } : {} } }
        : {}),
    };
  }
  const errors = Object.keys(errorStatuses)
    .map(Number)
    .filter((status) => {
      if (status === 401 || status === 403) return route.auth === 'jwt';
      if (status === 413 || status === 415) return Boolean(route.request?.body);
      if (status === 400) return Boolean(route.request);
      return status === 503 || status === 404;
    });
  for (const status of errors) {
    responses[status] ??= status === 401 ? unauthorized : errorResponse(status);
  }
  const body = route.request?.body;
  return {
    operationId: route.handler.split('/').pop(),
    summary: route.summary,
    ...(route.roles ? { description: `Roles: ${route.roles.join(', ')}.` } : {}),
    tags: [route.handler.split('/')[0]],
    security: route.auth === 'jwt' ? [{ bearer: [] }] : [],
    parameters: parametersOf(route),
    ...(body
      ? {
          requestBody: {
            // Issue 19.5: a body with no required field may be left out altogether (shared/http/route-handler.ts).
            required: !body.safeParse({}).success,
            content: {
              [route.request?.bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json']: {
                schema: schemaOf(body, 'input'),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/** The whole document; `serverUrl` is the API's public base URL. */
export function openApiDocument(serverUrl: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routeList()) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Official social media accounts',
      version: '1.0.0',
      description:
        "Approvals, credentials, contact records and incidents for child-welfare agencies' official social media " +
        'accounts.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "The token only identifies the caller (claim `sub` unless the deployment names another, e.g. Entra ID's " +
            '`oid`). Roles, region, office, supervisor and departure come from the staff directory on every ' +
            'request; `roles`, `region` or `office` claims are ignored. Case systems are directory entries too.',
        },
      },
      schemas: { Error: schemaOf(errorBody, 'output'), GatewayUnauthorized: gatewayUnauthorized },
    },
  };
}
