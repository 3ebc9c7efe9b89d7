/**
 * Issue 19.5: the OpenAPI document describes the 401 API Gateway's JWT authorizer sends itself
 * (`{"message":"Unauthorized"}` and a `www-authenticate` header), and a body with no required field as optional.
 */
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../shared/openapi.ts';
import { routeList } from '../../shared/routes/index.ts';

type Json = Record<string, any>;
const doc = openApiDocument('https://api.example') as Json;
const operation = (method: string, path: string): Json => doc.paths[path][method];

describe('openApiDocument', () => {
  it("describes API Gateway's own 401 on every jwt route: its exact body, its www-authenticate header", () => {
    const gateway = doc.components.schemas.GatewayUnauthorized;
    expect(gateway).toEqual({
      type: 'object',
      properties: { message: { type: 'string', const: 'Unauthorized' } },
      required: ['message'],
      additionalProperties: false,
    });
    const jwtRoutes = routeList().filter((route) => route.auth === 'jwt');
    expect(jwtRoutes.length).toBeGreaterThan(0);
    for (const route of jwtRoutes) {
      const unauthorized = operation(route.method.toLowerCase(), route.path).responses['401'];
      expect(unauthorized.headers['www-authenticate'].schema, route.key).toEqual({ type: 'string' });
      expect(unauthorized.content['application/json'].schema.oneOf, route.key).toEqual([
        { $ref: '#/components/schemas/GatewayUnauthorized' },
        { $ref: '#/components/schemas/Error' },
      ]);
      expect(unauthorized.description).toContain('{"message":"Unauthorized"}');
    }
  });

  it('gives public routes no 401', () => {
    expect(operation('get', '/health').responses['401']).toBeUndefined();
  });

  it('marks a body with no required field optional (a bare POST works) and one with required fields required', () => {
    expect(operation('post', '/accounts/{accountId}/rotations').requestBody.required).toBe(false);
    expect(operation('post', '/account-requests').requestBody.required).toBe(true);
  });
});
