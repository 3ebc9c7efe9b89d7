/**
 * Property-based fuzzing of every route of the route table (fast-check): requests generated from
 * the routes' own zod schemas, valid-ish and broken (fuzz-requests.ts), sent to the local runtime
 * in concurrent batches. Properties: no 5xx, every JSON refusal in the contract's error shape, an
 * answer within the time limit, and nothing written: each table's item count is the same after a
 * route's requests as before, save for the audit entries reveals and exports write by design,
 * which are counted exactly.
 */
import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeList } from '../../shared/routes/index.ts';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient, poll } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { countItems } from '../support/tables.ts';
import { hostileTokens } from '../support/tokens.ts';
import { describeRequest, requestArbitrary, type FuzzContext, type FuzzRequest } from './fuzz-requests.ts';

/** 35 routes × 300 = 10,500 requests, the issue's "at least 10,000", before any shrinking. */
const requestsPerRoute = Number(process.env.FUZZ_REQUESTS_PER_ROUTE ?? 300);
const batchSize = 10;
/** Longer than any answer should take, including the SDK's retries: a hang is a failure too. */
const requestTimeoutMs = 30_000;

let runtime: TestRuntime;
let context: FuzzContext;
const totals = { sent: 0, byStatus: new Map<number, number>() };

beforeAll(async () => {
  runtime = await startRuntime({ name: 'fuzz' });
  const { endpoints } = runtime;
  const api = apiClient(endpoints);
  const accountId = await approvedAccount(endpoints, { platform: 'facebook' });
  // A stored login, a grant and a pending rotation, so reveals, rotations and grants answer from real state.
  expect(
    (
      await api.put(`/accounts/${accountId}/credential`, {
        as: 'administrator',
        body: { username: 'dcs.smoky', password: 'Fuzz-Fixture-Password-1!' },
      })
    ).status,
  ).toBe(201);
  expect((await grant(endpoints, accountId, 'stf-staff')).status).toBe(201);
  expect(
    (await api.post(`/accounts/${accountId}/rotations`, { as: 'administrator', body: { reason: 'fuzz fixture' } }))
      .status,
  ).toBe(202);
  await poll(
    'the pending password',
    async () =>
      (await api.get(`/accounts/${accountId}/credential?version=pending`, { as: 'administrator' })).status === 200,
  );
  // The approval link the fixture used: spent, so every decision on it is refused.
  const { body: request } = await api.get(`/account-requests/${accountId.replace(/^acc_/, 'req_')}`, {
    as: 'director',
  });
  expect(request.status).toBe('approved');
  const link = await findSpentLink(endpoints.mailbox);
  await settled();
  const roles = Object.fromEntries(Object.entries(endpoints.personas).map(([name, persona]) => [name, persona.roles]));
  context = {
    api: endpoints.api,
    // The personas' tokens; not the identity provider's SCIM secret, whose valid requests write by design.
    tokens: Object.fromEntries(Object.entries(endpoints.tokens).filter(([name]) => name !== 'scim')),
    roles,
    hostileTokens: await hostileTokens(endpoints, runtime.dataDir),
    real: { accountId, approvalId: link },
  };
}, 180_000);

afterAll(async () => {
  const statuses = [...totals.byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  console.log(`fuzz: ${totals.sent} requests over ${routeList().length} routes; ${statuses}`);
  await runtime?.stop();
});

/** Waits until the fixture's workflows stop writing: two counts a second apart agree. */
async function settled(): Promise<void> {
  let last = JSON.stringify(await countItems(runtime.endpoints));
  await poll(
    'the tables to settle',
    async () => {
      await new Promise((r) => setTimeout(r, 1000));
      const now = JSON.stringify(await countItems(runtime.endpoints));
      const same = now === last;
      last = now;
      return same;
    },
    60_000,
  );
}

/** The id of the approval link in the mailbox (decided by the fixture). */
async function findSpentLink(mailbox: string): Promise<string> {
  const { emails } = (await (await fetch(`${mailbox}/store`)).json()) as { emails: Array<{ body: { text?: string } }> };
  const match = emails.map((e) => /\/approvals\/(apv_[A-Za-z0-9_-]{22})\?/.exec(e.body.text ?? '')).find(Boolean);
  if (!match) throw new Error('No approval link in the mailbox');
  return match[1]!;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  ms: number;
}

async function send(request: FuzzRequest): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${context.api}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    signal: AbortSignal.timeout(requestTimeoutMs),
    redirect: 'manual',
  });
  const text = await response.text();
  totals.sent += 1;
  totals.byStatus.set(response.status, (totals.byStatus.get(response.status) ?? 0) + 1);
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    ms: performance.now() - started,
  };
}

/** Why an answer breaks a property, or undefined when it keeps them all. */
function defect(answer: Answer): string | undefined {
  if (answer.status >= 500) return `${answer.status} ${answer.text.slice(0, 300)}`;
  if (answer.status >= 400 && answer.contentType.startsWith('application/json')) {
    let body: { error?: { code?: unknown; message?: unknown } } | undefined;
    try {
      body = JSON.parse(answer.text) as typeof body;
    } catch {
      return `${answer.status} with a body that is not JSON: ${answer.text.slice(0, 200)}`;
    }
    if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string')
      return `${answer.status} without the contract's error shape: ${answer.text.slice(0, 200)}`;
  }
  return undefined;
}

describe('fuzzing every route: no 5xx, the error shape, nothing written', () => {
  it.each(routeList().map((route) => [route.key, route] as const))('%s', async (_key, route) => {
    const before = await countItems(runtime.endpoints);
    let audited = 0;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(requestArbitrary(route, context), { minLength: batchSize, maxLength: batchSize }),
        async (batch) => {
          const answers = await Promise.all(batch.map(send));
          sent += batch.length;
          answers.forEach((answer, i) => {
            if (batch[i]!.audited?.includes(answer.status)) audited += 1;
            const problem = defect(answer);
            if (problem) throw new Error(`${problem}\nrequest: ${describeRequest(batch[i]!)}`);
          });
        },
      ),
      { numRuns: Math.ceil(requestsPerRoute / batchSize), endOnFailure: false },
    );
    const after = await countItems(runtime.endpoints);
    expect(after, `${route.key}: tables after ${sent} requests (${audited} audited reveals or exports)`).toEqual({
      ...before,
      Audit: (before.Audit ?? 0) + audited,
    });
  });
});

/** One HTTP/1.1 exchange over a bare socket, for what fetch will not send; resolves with the status. */
function rawExchange(request: string): Promise<number> {
  const { hostname, port } = new URL(context.api);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request, 'latin1'));
    let head = '';
    socket.setTimeout(requestTimeoutMs, () => socket.destroy(new Error(`no answer within ${requestTimeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (status) {
        resolve(Number(status[1]));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`closed without a status line: ${JSON.stringify(head.slice(0, 100))}`)));
  }).finally(() => {
    totals.sent += 1;
  }) as Promise<number>;
}

describe('fuzzing what fetch will not send: request targets and Host headers', () => {
  it('never answers 5xx', async () => {
    const latin1 = fc.string({
      unit: fc
        .integer({ min: 0x20, max: 0xff })
        .filter((c) => c !== 0x7f)
        .map((c) => String.fromCharCode(c)),
      maxLength: 60,
    });
    const target = fc.oneof(
      fc.constantFrom(...routeList().map((route) => route.path.replace(/\{\w+\}/g, 'x'))),
      fc.constantFrom(
        '*',
        '//evil.example/health',
        'http://evil.example/health',
        '/health?%zz',
        '/%',
        '/../../etc/passwd',
        '/health#frag',
        '/accounts/%00',
      ),
      latin1.filter((s) => !s.includes(' ')).map((s) => `/${s}`),
    );
    const host = fc.oneof(
      fc.constantFrom('[::1', 'a b', '%zz', 'x:99999', 'x:abc', '', 'evil.example', '127.0.0.1:1', 'ünïcode'),
      latin1.filter((s) => s.trim() === s),
    );
    const token = fc.constantFrom(...Object.values(context.tokens));
    const property = fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'DELETE'),
      target,
      fc.option(host, { freq: 5 }),
      token,
      async (method, path, hostHeader, bearer) => {
        const request = `${method} ${path} HTTP/1.1\r\n${hostHeader === null ? '' : `Host: ${hostHeader}\r\n`}Authorization: Bearer ${bearer}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
        const status = await rawExchange(request);
        totals.byStatus.set(status, (totals.byStatus.get(status) ?? 0) + 1);
        if (status >= 500) throw new Error(`${status} for ${JSON.stringify(request.replace(bearer, '<token>'))}`);
      },
    );
    await fc.assert(property, { numRuns: 300 });
  });
});
