/**
 * The spine, as a newcomer and another system meet it: the local runtime answers, describes itself,
 * speaks the AWS wire protocol to the AWS CLI, and refuses every malformed or unauthenticated
 * request with the contract's error shape, writing nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeList } from '../../shared/routes/index.ts';
import { tables } from '../../shared/tables.ts';
import { apiClient, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { countItems, markDirectoryDeparted, putDirectoryEntry } from '../support/tables.ts';
import { hostileTokens, validToken } from '../support/tokens.ts';

const run = promisify(execFile);
const awsCli = '/usr/bin/aws';
const contractPersonas = [
  'director',
  'designee',
  'communications',
  'administrator',
  'backupAdministrator',
  'supervisor',
  'staff',
  'staff2',
  'staff3',
  'hr',
  'caseSystem',
  'operations',
  'itDirector',
  'infoServices',
  'opi',
];

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'spine' });
  api = apiClient(runtime.endpoints);
});
afterAll(() => runtime?.stop());

/** A concrete path for a route template, with ids that exist nowhere. */
const concrete = (path: string) =>
  path.replace(/\{approvalId\}/g, 'apv_AAAAAAAAAAAAAAAAAAAAAA').replace(/\{(\w+)\}/g, 'x-does-not-exist');

describe('the local runtime', () => {
  it("writes the contract's endpoints.json with every persona and a token for each", () => {
    const { endpoints } = runtime;
    expect(endpoints.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(endpoints.aws).sort()).toEqual([
      'dynamodb',
      'kms',
      's3',
      'secretsmanager',
      'ses',
      'stepfunctions',
    ]);
    expect(endpoints.profile).toBe('tn-dcs');
    for (const persona of contractPersonas) {
      expect(endpoints.personas[persona], persona).toMatchObject({
        id: expect.any(String),
        email: expect.stringContaining('@'),
        roles: expect.any(Array),
      });
      expect(endpoints.tokens[persona], persona).toMatch(/^ey/);
    }
  });

  it('answers /health and serves an OpenAPI 3.1 document covering every route', async () => {
    expect((await api.get('/health')).body).toEqual({ status: 'ok' });
    const { body: doc } = await api.get('/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    for (const route of routeList())
      expect(doc.paths[route.path]?.[route.method.toLowerCase()], route.key).toBeDefined();
    expect(doc.paths['/account-requests'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['platform', 'purpose', 'region', 'administratorId', 'backupAdministratorId']),
    );
  });

  it('hands the handler the same claims an HTTP API JWT authorizer would', async () => {
    const { status, body } = await api.get('/me', { as: 'supervisor' });
    expect(status).toBe(200);
    expect(body.caller).toEqual({
      id: 'stf-supervisor',
      roles: ['supervisor', 'staff'],
      region: 'smoky-mountain',
      office: 'sevier',
    });
    expect(body.staff.name).toBe('Sam Supervisor');
  });
});

describe.skipIf(!existsSync(awsCli))('wire compatibility with the AWS CLI v2', () => {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'cli',
    AWS_SECRET_ACCESS_KEY: 'cli',
    AWS_REGION: 'us-east-1',
    AWS_PAGER: '',
  };
  const aws = async (endpoint: string, ...args: string[]) =>
    JSON.parse((await run(awsCli, ['--endpoint-url', endpoint, '--output', 'json', ...args], { env })).stdout);

  it('lists the tables in DynamoDB Local', async () => {
    const { TableNames } = await aws(runtime.endpoints.aws.dynamodb, 'dynamodb', 'list-tables');
    expect(TableNames).toEqual(expect.arrayContaining(Object.values(tables).map((t) => t.logicalId)));
  });

  it('lists the state machines and their executions', async () => {
    const { stateMachines } = await aws(runtime.endpoints.aws.stepfunctions, 'stepfunctions', 'list-state-machines');
    expect(stateMachines.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['AccountApproval', 'CredentialRotation', 'Incident', 'Departure', 'PostSuggestion']),
    );
    const { body } = await api.post('/account-requests', {
      as: 'director',
      body: {
        platform: 'facebook',
        purpose: 'client-contact',
        region: 'smoky-mountain',
        administratorId: 'stf-administrator',
        backupAdministratorId: 'stf-backup-administrator',
      },
    });
    const approval = stateMachines.find((m: { name: string }) => m.name === 'AccountApproval');
    const { executions } = await aws(
      runtime.endpoints.aws.stepfunctions,
      'stepfunctions',
      'list-executions',
      '--state-machine-arn',
      approval.stateMachineArn,
    );
    expect(executions.map((e: { name: string }) => e.name)).toContain(body.requestId);
  });

  it('reads a secret by stage', async () => {
    const secret = await aws(
      runtime.endpoints.aws.secretsmanager,
      'secretsmanager',
      'get-secret-value',
      '--secret-id',
      'official-accounts/hmac-key',
      '--version-stage',
      'AWSCURRENT',
    );
    expect(secret).toMatchObject({
      Name: 'official-accounts/hmac-key',
      VersionStages: ['AWSCURRENT'],
      SecretString: expect.any(String),
    });
  });

  it('reads the mailbox as the contract describes it', async () => {
    const email = await waitForEmail(runtime.endpoints, (e) => e.subject.startsWith('Approve'));
    expect(email).toMatchObject({
      destination: { to: ['communications@agency.example'] },
      body: { text: expect.any(String), html: expect.any(String) },
    });
  });
});

describe("refusals: the contract's error shape, and nothing written", () => {
  const errorShape = { error: { code: expect.any(String), message: expect.any(String) } };
  let before: Record<string, number>;
  beforeAll(async () => {
    before = await countItems(runtime.endpoints);
  });
  afterAll(async () => {
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });

  const jwtRoutes = routeList().filter((route) => route.auth === 'jwt');
  it.each(jwtRoutes.map((r) => [r.key, r] as const))('%s without a token is 401', async (_key, route) => {
    const response = await api[route.method.toLowerCase() as 'get'](
      concrete(route.path),
      route.request?.body ? { body: {} } : {},
    );
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject(errorShape);
  });

  it('refuses expired, foreign, mis-addressed, unsigned and garbage tokens on every jwt route', async () => {
    const tokens = await hostileTokens(runtime.endpoints, runtime.dataDir);
    for (const route of jwtRoutes) {
      for (const [kind, token] of Object.entries(tokens)) {
        const response = await api[route.method.toLowerCase() as 'get'](concrete(route.path), { token });
        expect(response.status, `${route.key} with ${kind}`).toBe(401);
        expect(response.body, `${route.key} with ${kind}`).toMatchObject(errorShape);
      }
    }
  });

  const bodyRoutes = routeList().filter((route) => route.request?.body);
  it.each(bodyRoutes.map((r) => [r.key, r] as const))(
    '%s with a malformed body is 400, 413 or 415',
    async (_key, route) => {
      // Someone the route admits, so the refusal is about the body and not the caller.
      const persona =
        route.auth === 'jwt'
          ? Object.keys(runtime.endpoints.personas).find(
              (key) =>
                !route.roles || runtime.endpoints.personas[key]!.roles.some((r) => route.roles!.includes(r as never)),
            )
          : undefined;
      const path = concrete(route.path);
      const method = route.method.toLowerCase() as 'post';
      const json = route.request?.bodyType !== 'form';
      const contentType = json ? 'application/json' : 'application/x-www-form-urlencoded';
      const broken = await api[method](path, {
        ...(persona ? { as: persona } : {}),
        rawBody: json ? '{"platform": ' : 'token=%zz&decision',
        headers: { 'content-type': contentType },
      });
      expect(broken.status).toBe(400);
      const wrongType = await api[method](path, {
        ...(persona ? { as: persona } : {}),
        rawBody: 'hello',
        headers: { 'content-type': 'text/plain' },
      });
      expect(wrongType.status).toBe(415);
      const huge = await api[method](path, {
        ...(persona ? { as: persona } : {}),
        rawBody: JSON.stringify({ padding: 'x'.repeat(70_000) }),
        headers: { 'content-type': contentType },
      });
      expect(huge.status).toBe(413);
      if (json) {
        expect(broken.body).toMatchObject(errorShape);
        expect(wrongType.body).toMatchObject(errorShape);
      }
    },
  );

  it('names each bad field of an invalid account request', async () => {
    const { status, body } = await api.post('/account-requests', {
      as: 'director',
      body: { platform: 7, purpose: 'gossip', region: 'smoky-mountain', extra: true },
    });
    expect(status).toBe(400);
    expect(body.error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining([
        'body.platform',
        'body.purpose',
        'body.administratorId',
        'body.backupAdministratorId',
        'body',
      ]),
    );
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const { status, body } = await api.get('/no-such-thing', { as: 'director' });
    expect(status).toBe(404);
    expect(body).toMatchObject(errorShape);
  });
});

describe('authorization from the directory, not from token claims (issue 15.3)', () => {
  const jwtRoutes = () => routeList().filter((route) => route.auth === 'jwt');
  const errorShape = { error: { code: expect.any(String), message: expect.any(String) } };
  /** Status and error code; a page route (the status page) refuses with an HTML page instead. */
  const send = async (route: { method: string; path: string }, token: string) => {
    const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
    const response = await fetch(`${runtime.endpoints.api}${concrete(route.path)}`, {
      method: route.method,
      headers: { authorization: `Bearer ${token}`, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      ...(hasBody ? { body: '{}' } : {}),
    });
    const text = await response.text();
    const page = (response.headers.get('content-type') ?? '').startsWith('text/html');
    return { status: response.status, code: page ? 'page' : (JSON.parse(text) as any).error?.code };
  };

  it('serves a token carrying only `sub`: roles, region and office come from the directory', async () => {
    const token = await validToken(runtime.endpoints, runtime.dataDir, 'stf-director');
    const me = await api.get('/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.caller).toEqual({
      id: 'stf-director',
      roles: ['director'],
      region: 'smoky-mountain',
      office: 'sevier',
    });
    // A director-only route (POST /account-requests, roles director and designee) gets past authorization.
    const request = await api.post('/account-requests', { token, body: {} });
    expect(request.status).toBe(400);
  });

  it('grants nothing for a `roles` claim: a staff member whose token says director is refused', async () => {
    const claims = { roles: ['director', 'operations'], region: 'knox', office: 'knox-central' };
    const token = await validToken(runtime.endpoints, runtime.dataDir, 'stf-staff', claims);
    const me = await api.get('/me', { token });
    expect(me.body.caller).toMatchObject({ id: 'stf-staff', roles: ['staff'], region: 'smoky-mountain' });
    const refused = await api.post('/account-requests', { token, body: {} });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject(errorShape);
  });

  it('refuses a verified token naming no one in the directory with 401 on every route', async () => {
    const token = await validToken(runtime.endpoints, runtime.dataDir, 'stf-nobody', { roles: ['operations'] });
    for (const route of jwtRoutes()) {
      const { status, code } = await send(route, token);
      expect(status, route.key).toBe(401);
      expect(code, route.key).toMatch(/^(UnknownIdentity|page)$/);
    }
  });

  it('TN-10: refuses a departed person with 403 on every route, from the moment the directory says so', async () => {
    const id = 'stf-spine-leaver';
    await putDirectoryEntry(runtime.endpoints, {
      staffId: id,
      name: 'Lee Leaver',
      email: 'leaver@agency.example',
      roles: ['director', 'operations', 'hr'],
      region: 'smoky-mountain',
      office: 'sevier',
    });
    const token = await validToken(runtime.endpoints, runtime.dataDir, id);
    expect((await api.get('/me', { token })).status).toBe(200);
    await markDirectoryDeparted(runtime.endpoints, id);
    for (const route of jwtRoutes()) {
      const { status, code } = await send(route, token);
      expect(status, route.key).toBe(403);
      expect(code, route.key).toMatch(/^(TN-10|page)$/);
    }
  });
});
