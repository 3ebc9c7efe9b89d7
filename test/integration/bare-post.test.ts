/**
 * Issue 19.5 on the local runtime: what a first user tries. A rotation is started with a bare POST (no
 * body, no content type), as the contract names no body; a route that needs one still answers 415; the
 * served OpenAPI document tells clients of API Gateway's own 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount } from '../support/accounts.ts';
import { apiClient } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await startRuntime({ name: 'bare-post' });
});
afterAll(() => runtime?.stop());

/** A POST with a bearer token and nothing else: no body, no content type. */
const barePost = (path: string, persona: string) =>
  fetch(`${runtime.endpoints.api}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${runtime.endpoints.tokens[persona]}` },
  });

describe('a bare POST', () => {
  it('starts a rotation: 202 with its id, where the body (an optional reason) has no required field', async () => {
    const accountId = await approvedAccount(runtime.endpoints, { platform: 'instagram' });
    const stored = await apiClient(runtime.endpoints).put(`/accounts/${accountId}/credential`, {
      as: 'administrator',
      body: { username: 'dcs.smoky', password: 'Smoky-Initial-Password-42x!' },
    });
    expect(stored.status).toBe(201);
    const response = await barePost(`/accounts/${accountId}/rotations`, 'administrator');
    const body = (await response.json()) as { rotationId: string };
    expect(response.status, JSON.stringify(body)).toBe(202);
    expect(body.rotationId).toEqual(expect.any(String));
    // It is a real rotation: a second one is refused while this one is open.
    const again = await barePost(`/accounts/${accountId}/rotations`, 'administrator');
    expect(again.status).toBe(409);
  }, 90_000);

  it('is still 415 where the route needs a body (an account request), and nothing is written', async () => {
    const api = apiClient(runtime.endpoints);
    const before = (await api.get('/me/work', { as: 'director' })).body.requests;
    const response = await barePost('/account-requests', 'director');
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: unknown }).error).toBeDefined();
    expect((await api.get('/me/work', { as: 'director' })).body.requests).toEqual(before);
  });
});

describe('GET /openapi.json', () => {
  it("describes API Gateway's own 401 body and header, and the rotation's body as optional", async () => {
    const { body: doc } = await apiClient(runtime.endpoints).get('/openapi.json');
    const rotation = doc.paths['/accounts/{accountId}/rotations'].post;
    expect(rotation.requestBody.required).toBe(false);
    expect(rotation.responses['401'].headers['www-authenticate']).toBeDefined();
    expect(rotation.responses['401'].content['application/json'].schema.oneOf).toContainEqual({
      $ref: '#/components/schemas/GatewayUnauthorized',
    });
    expect(doc.components.schemas.GatewayUnauthorized.properties.message.const).toBe('Unauthorized');
  });
});
