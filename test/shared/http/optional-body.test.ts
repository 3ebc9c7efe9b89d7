/**
 * Issue 19.5: a route whose body has no required field answers a bare POST (no body, no content type) as
 * if `{}` were sent; a route that needs a body still answers 415 without one, and a sent body is still parsed.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { json } from '../../../shared/http/responses.ts';
import { publicRouteHandler } from '../../../shared/http/route-handler.ts';

const route = (body: z.ZodMiniType) =>
  ({
    method: 'POST',
    path: '/things',
    handler: 'test/post-thing',
    auth: 'public',
    summary: 'A test route.',
    request: { body },
    responses: { 200: { description: 'Echo.' } },
  }) as const;

const echo = (body: z.ZodMiniType) =>
  publicRouteHandler(route(body), async (input) => json(200, { received: input.body ?? null }));

const event = (body?: string, contentType?: string) =>
  ({
    version: '2.0',
    routeKey: 'POST /things',
    rawPath: '/things',
    rawQueryString: '',
    headers: contentType ? { 'content-type': contentType } : {},
    requestContext: { requestId: 'req-1', http: { method: 'POST', path: '/things' } },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

const context = {
  functionName: 'post-thing',
  awsRequestId: 'aws-req-1',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

const call = async (handler: ReturnType<typeof echo>, e: APIGatewayProxyEventV2) => {
  const result = (await handler(e, context)) as { statusCode: number; body: string };
  return { status: result.statusCode, body: JSON.parse(result.body) };
};

const optional = z.strictObject({ reason: z.optional(z.string()) });
const required = z.strictObject({ platform: z.string() });

describe('routeHandler body parsing', () => {
  it('takes a bare POST as {} where no field is required', async () => {
    expect(await call(echo(optional), event())).toEqual({ status: 200, body: { received: {} } });
    expect(await call(echo(optional), event(''))).toEqual({ status: 200, body: { received: {} } });
  });

  it('still parses and validates a body that is sent', async () => {
    expect(await call(echo(optional), event('{"reason":"leak"}', 'application/json'))).toEqual({
      status: 200,
      body: { received: { reason: 'leak' } },
    });
    expect((await call(echo(optional), event('{"other":1}', 'application/json'))).status).toBe(400);
    expect((await call(echo(optional), event('hello', 'text/plain'))).status).toBe(415);
  });

  it('keeps 415 for a bare POST where the route needs a body', async () => {
    expect((await call(echo(required), event())).status).toBe(415);
  });
});
