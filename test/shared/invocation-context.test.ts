/**
 * shared/invocation-context.ts through its users: two invocations of one handler that overlap in
 * one process (Lambda's multi-concurrency, the local runtime) each keep their own caller and
 * correlation id, which a module variable or state keyed on the request would mix up.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import type { DirectoryEntry } from '../../shared/auth/caller.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { invocationState, withInvocationContext } from '../../shared/invocation-context.ts';
import { taskHandler } from '../../shared/task-handler.ts';

// The directory knows whoever the token names, as staff (the caller is resolved there, issue 15.3).
vi.mock('../../shared/adapters/directory.ts', () => ({
  getDirectoryEntry: async (id: string): Promise<DirectoryEntry> => ({
    staffId: id,
    name: id,
    email: `${id}@agency.example`,
    roles: ['staff'],
    region: 'smoky-mountain',
    office: 'sevier',
  }),
}));

const context = {
  awsRequestId: 'lambda-request-1',
  functionName: 'test',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

/** A gate the first invocation waits at until the second has run to its end. */
function overlap() {
  let release!: () => void;
  let entered!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const firstEntered = new Promise<void>((resolve) => (entered = resolve));
  return { released, firstEntered, release, entered };
}

afterEach(() => vi.restoreAllMocks());

describe('withInvocationContext', () => {
  it('gives each call a fresh store, and nothing outside one', async () => {
    const run = withInvocationContext(async (id: string) => {
      expect(invocationState()).toEqual({});
      invocationState().correlationId = id;
      await Promise.resolve();
      return invocationState().correlationId;
    });
    await expect(Promise.all([run('a'), run('b')])).resolves.toEqual(['a', 'b']);
    invocationState().correlationId = 'lost';
    expect(invocationState()).toEqual({});
  });
});

describe('routeHandler', () => {
  it('keeps the caller and correlation id of each of two overlapping requests apart', async () => {
    // Prepare
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const gate = overlap();
    const route = {
      method: 'GET',
      path: '/probe',
      handler: 'probe/get-probe',
      auth: 'jwt',
      summary: 'Probe',
      responses: { 200: { description: 'The caller' } },
    } as const;
    const handler = routeHandler(route, async ({ caller }) => {
      if (caller.id === 'stf-first') {
        gate.entered();
        await gate.released;
      }
      return json(200, { callerId: caller.id });
    });
    const event = (sub: string, correlationId: string) =>
      ({
        headers: { 'x-correlation-id': correlationId },
        requestContext: { requestId: `api-${sub}`, authorizer: { jwt: { claims: { sub, roles: '[staff]' } } } },
        rawPath: '/probe',
        isBase64Encoded: false,
      }) as unknown as APIGatewayProxyEventV2;
    // Act
    const first = handler(event('stf-first', 'corr-first'), context);
    await gate.firstEntered;
    const second = await handler(event('stf-second', 'corr-second'), context);
    gate.release();
    // Assess
    for (const [response, who] of [
      [await first, 'first'],
      [second, 'second'],
    ] as const) {
      expect(response.statusCode, who).toBe(200);
      expect(JSON.parse(response.body as string), who).toEqual({ callerId: `stf-${who}` });
      expect(response.headers?.['x-correlation-id'], who).toBe(`corr-${who}`);
    }
  });
});

describe('taskHandler', () => {
  it('keeps the correlation id of each of two overlapping tasks apart', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const gate = overlap();
    const handler = taskHandler('Probe', z.object({ correlationId: z.string() }), async ({ correlationId }) => {
      if (correlationId === 'execution-first') {
        gate.entered();
        await gate.released;
      }
      return invocationState().correlationId;
    });
    const first = handler({ correlationId: 'execution-first' }, context);
    await gate.firstEntered;
    const second = await handler({ correlationId: 'execution-second' }, context);
    gate.release();
    expect([await first, second]).toEqual(['execution-first', 'execution-second']);
  });
});
