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
  401: 'No bearer token, one that does not verify, or (`UnknownIdentity`) one naming no one in the staff directory.',
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
    responses[status] ??= {
      description: errorStatuses[status],
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
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
            required: true,
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
      schemas: { Error: schemaOf(errorBody, 'output') },
    },
  };
}
