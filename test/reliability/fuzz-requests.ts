/**
 * Generated HTTP requests for one route of the route table: the caller (a seeded persona, a bad
 * token, a tampered one, none), path parameters, query, headers and body, each either valid-ish
 * (from the route's zod schemas) or broken (malformed JSON, wrong types, huge strings, unicode,
 * missing and unknown fields, wrong media types).
 *
 * Designed so that every request is refused, and so writes nothing: ids come from the schemas'
 * patterns and so name nothing that exists, except the one real account and the one spent approval
 * link, which make the deeper paths run; and the routes that create something from nothing
 * (account requests, delegations, holds on a case, the directory's regions, group mappings and
 * clients) get a reference that does not exist (or, for a region, a repeated office) pinned into
 * otherwise valid bodies. Two kinds of success write by design and are counted exactly: a reveal of
 * the real account's credential is audited, allowed or refused (CT-10), and so is every export
 * (CT-06).
 */
import fc from 'fast-check';
import type { RouteDefinition, RouteKey } from '../../shared/routes/index.ts';
import { brokenArbitrary, hostileString, jsonSchemaOf, validArbitrary, type JsonSchema } from './schema-arbitraries.ts';

export interface FuzzContext {
  api: string;
  /** Valid tokens of the seeded personas. */
  tokens: Record<string, string>;
  /** Their roles, so most requests come from someone the route's roles let in and reach the handler. */
  roles: Record<string, readonly string[]>;
  /** Tokens the gateway must refuse (test/support/tokens.ts). */
  hostileTokens: Record<string, string>;
  /** Records that exist, so generated requests sometimes reach past the "not found". */
  real: { accountId: string; approvalId: string };
}

export interface FuzzRequest {
  route: RouteKey;
  /** Who the Authorization header says is calling, in words (the header itself is long). */
  caller: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What this request may write when it is answered with one of these statuses (an audit entry). */
  audited?: number[];
}

/** Header values fetch can send: bytes, no line breaks or NULs. */
const headerSafe = (value: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value);
const headerString = hostileString.filter(headerSafe).map((s) => s.slice(0, 4000));

const nobody = { staffId: 'stf-fuzz-nobody', accountId: 'acc_fuzz-nobody', region: 'fuzz-nowhere' };
/** An office the directory's PUT accepts; twice in one region it is refused (400). */
const fuzzOffice = {
  officeId: 'fuzz-office',
  name: 'Fuzz Office',
  address: '1 Fuzz St',
  phone: '000-555-0000',
  email: 'fuzz@agency.example',
};

/** Base64url-decoded JWT payload, changed, re-encoded under the original signature. */
const tamper = (token: string, change: (claims: Record<string, unknown>) => void): string => {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  change(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
};

/** The Authorization header, and a short name for it that counterexamples print instead of the token. */
interface Auth {
  caller: string;
  header: string | undefined;
}

function authorization(context: FuzzContext, routeRoles: readonly string[] | undefined): fc.Arbitrary<Auth> {
  const names = Object.keys(context.tokens);
  const admitted = names.filter(
    (name) => !routeRoles || context.roles[name]?.some((role) => routeRoles.includes(role)),
  );
  const persona = fc.constantFrom(...names);
  const valid = (arbitrary: fc.Arbitrary<string>) =>
    arbitrary.map((name): Auth => ({ caller: name, header: `Bearer ${context.tokens[name]}` }));
  const as = (how: string, header: (token: string) => string) =>
    persona.map((name): Auth => ({ caller: `${name} (${how})`, header: header(context.tokens[name]!) }));
  return fc.oneof(
    { weight: 6, arbitrary: valid(fc.constantFrom(...admitted)) },
    { weight: 3, arbitrary: valid(persona) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...Object.keys(context.hostileTokens))
        .map((kind): Auth => ({ caller: `token ${kind}`, header: `Bearer ${context.hostileTokens[kind]}` })),
    },
    { weight: 1, arbitrary: fc.constant<Auth>({ caller: 'no token', header: undefined }) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        as(
          'claims widened, signature kept',
          (t) =>
            `Bearer ${tamper(t, (claims) => (claims.roles = ['operations', 'director', 'case-system', 'administrator']))}`,
        ),
        as('region changed, signature kept', (t) => `Bearer ${tamper(t, (claims) => (claims.region = 'knox'))}`),
        as('signature altered', (t) => `Bearer ${t.slice(0, -4)}AAAA`),
        as('odd spacing and case', (t) => `bearer   ${t}  `),
        as('twice', (t) => `Bearer ${t}, Bearer ${t}`),
        as('as Basic', (t) => `Basic ${Buffer.from(`director:${t}`).toString('base64')}`),
        as('without the scheme', (t) => t),
        fc
          .constantFrom(
            'Bearer',
            'Bearer ',
            'Bearer ..',
            'Bearer a.b.c',
            'Bearer eyJhbGciOiJub25lIn0.e30.',
            'Negotiate abc',
          )
          .map((header): Auth => ({ caller: JSON.stringify(header), header })),
        headerString.map((s): Auth => ({ caller: 'Bearer <hostile string>', header: `Bearer ${s}` })),
      ),
    },
  );
}

/**
 * Routes whose admitted, valid request changes the real account on purpose (DC-01 suspension, MO-04
 * monitoring): fuzzed against accounts that do not exist, so they neither write nor suspend the
 * account the other routes are fuzzed on (test/integration/oversight.test.ts covers their successes).
 */
const writesRealAccount = new Set<RouteKey>([
  'POST /accounts/{accountId}/suspension',
  'DELETE /accounts/{accountId}/suspension',
  'POST /accounts/{accountId}/monitoring',
]);

/** A path parameter: valid-ish from its schema, a record that exists, or hostile. */
function pathValue(name: string, schema: JsonSchema, context: FuzzContext, key: RouteKey): fc.Arbitrary<string> {
  const real =
    name === 'accountId' && !writesRealAccount.has(key)
      ? [context.real.accountId]
      : name === 'approvalId'
        ? [context.real.approvalId]
        : [];
  return fc.oneof(
    { weight: 6, arbitrary: validArbitrary(schema).map((v) => encodeURIComponent(String(v))) },
    { weight: real.length ? 3 : 0, arbitrary: fc.constantFrom(...(real.length ? real : ['unused'])) },
    { weight: 2, arbitrary: hostileString.map((s) => encodeURIComponent(s.slice(0, 3000))) },
    // Raw, as a hand-written or hostile client would send them: traversal, encoded separators, broken escapes.
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        'a%2Fb',
        '%2F',
        '%00',
        '%E0%A4%A',
        '%',
        '%zz',
        '%C0%AF',
        ';',
        '*',
        'acc_x%0d%0aSet-Cookie:%20x=1',
      ),
    },
  );
}

function queryString(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const entries = (value: unknown): Array<[string, string]> =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined')])
      : [['q', JSON.stringify(value) ?? '']];
  const structured = schema
    ? fc.oneof({ weight: 3, arbitrary: validArbitrary(schema) }, { weight: 3, arbitrary: brokenArbitrary(schema) })
    : fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 });
  return fc
    .oneof(
      { weight: 8, arbitrary: structured.map((value) => new URLSearchParams(entries(value)).toString()) },
      // Repeated keys, bracket syntax and broken escapes, raw.
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'caseId=a&caseId=b',
          'limit=1&limit=2',
          'a[b]=c&a[]=d',
          'limit=1e3',
          'limit=-1',
          'limit=0x10',
          'token=%E0%A4%A',
          'version=current&version=pending',
          '=',
          '&&&',
          'region=%00',
          'date=2026-02-30',
        ),
      },
    )
    .map((query) => (query ? `?${query}` : ''));
}

/** The body, serialized: valid-ish or broken JSON (or form), or something that is not either. */
function bodyText(
  route: RouteDefinition,
  schema: JsonSchema,
  pin: (value: unknown) => unknown,
): fc.Arbitrary<{ text: string; contentType: string | undefined }> {
  const form = route.request?.bodyType === 'form';
  const expected = form ? 'application/x-www-form-urlencoded' : 'application/json';
  const serialize = (value: unknown) =>
    form && value && typeof value === 'object' && !Array.isArray(value)
      ? new URLSearchParams(
          Object.entries(value).map(([k, v]): [string, string] => [
            k,
            typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
          ]),
        ).toString()
      : (JSON.stringify(value) ?? 'undefined');
  const text = fc.oneof(
    { weight: 6, arbitrary: validArbitrary(schema).map((value) => serialize(pin(value))) },
    { weight: 6, arbitrary: brokenArbitrary(schema).map((value) => serialize(pin(value))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{',
        '{"a":}',
        "{'a':1}",
        'undefined',
        'NaN',
        '{"a":1}{"b":2}',
        '\u0000',
        '\ufeff{}',
        '[1,2',
        '{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":true}}}',
        'null',
        '[]',
        '""',
        '0',
        'true',
        '',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    },
    { weight: 1, arbitrary: validArbitrary(schema).map((value) => serialize(value).slice(0, -1)) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 65 * 1024, max: 200 * 1024 })
        .map((size) => JSON.stringify({ padding: 'x'.repeat(size) })),
    },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant<string | undefined>(expected) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<string | undefined>(
        undefined,
        'text/plain',
        'application/json; charset=utf-16',
        'application/x-www-form-urlencoded',
        'application/json',
        'multipart/form-data; boundary=x',
        'application/xml',
        'APPLICATION/JSON',
        'application/json;;;',
        '*/*',
      ),
    },
    { weight: 1, arbitrary: headerString.map((s): string | undefined => s) },
  );
  return fc.record({ text, contentType });
}

/** Keeps valid-ish bodies of routes that create something from nothing from creating it. */
function pinFor(key: RouteKey): (value: unknown) => unknown {
  const object = (value: unknown): value is Record<string, unknown> =>
    Boolean(value) && typeof value === 'object' && !Array.isArray(value);
  switch (key) {
    case 'POST /account-requests':
      // An administrator who does not exist: refused by TN-05 once role and region pass.
      return (value) =>
        object(value) && 'administratorId' in value ? { ...value, administratorId: nobody.staffId } : value;
    case 'POST /delegations':
      return (value) => (object(value) && 'delegateId' in value ? { ...value, delegateId: nobody.staffId } : value);
    case 'PUT /regions/{regionId}':
      // The same office id twice: refused (400) once the body validates, so no region is created.
      return (value) => (object(value) && 'offices' in value ? { ...value, offices: [fuzzOffice, fuzzOffice] } : value);
    case 'PUT /directory/group-mappings/{group}':
      // A region that does not exist: refused (400), so no mapping is written and no member rewritten.
      return (value) => (object(value) && 'roles' in value ? { ...value, region: nobody.region } : value);
    case 'PUT /directory/clients/{clientId}':
      return (value) => (object(value) && 'regions' in value ? { ...value, regions: [nobody.region] } : value);
    case 'POST /holds':
      // A case hold always applies; with an account beside it the body names two subjects (400).
      return (value) => (object(value) && 'caseId' in value ? { ...value, accountId: nobody.accountId } : value);
    default:
      return (value) => value;
  }
}

/** Requests for `route`, as fast-check generates and shrinks them. */
export function requestArbitrary(
  route: RouteDefinition & { key: RouteKey },
  context: FuzzContext,
): fc.Arbitrary<FuzzRequest> {
  const params = route.request?.params ? jsonSchemaOf(route.request.params) : undefined;
  const query = route.request?.query ? jsonSchemaOf(route.request.query) : undefined;
  const body = route.request?.body ? jsonSchemaOf(route.request.body) : undefined;
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const path = fc
    .tuple(
      ...names.map((name) => pathValue(name, params?.properties?.[name] ?? { type: 'string' }, context, route.key)),
    )
    .map((values: string[]) => {
      let i = 0;
      return route.path.replace(/\{\w+\}/g, () => values[i++]!);
    });
  const method = fc.oneof(
    { weight: 20, arbitrary: fc.constant(route.method as string) },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
  );
  const extraHeaders = fc.record(
    {
      'idempotency-key': fc.oneof(
        fc.uuid(),
        fc.string({ minLength: 1, maxLength: 300 }).filter(headerSafe),
        fc.constantFrom(' ', 'k'.repeat(256), '\u00ff\u00fe'),
      ),
      accept: fc.constantFrom(
        'text/csv',
        'application/x-ndjson',
        '*/*',
        'text/html',
        'application/json;q=0',
        'text/csv;q=0.1, */*',
      ),
      'x-forwarded-for': fc.constantFrom('127.0.0.1', '10.0.0.1, 203.0.113.9', 'not-an-ip'),
      cookie: fc.constantFrom('a=b', 'session=; token=x', ';;;', '='),
      'x-amzn-trace-id': headerString,
    },
    { requiredKeys: [] },
  );
  return fc
    .record({
      method,
      path,
      query: queryString(query),
      auth:
        route.auth === 'jwt'
          ? authorization(context, route.roles)
          : fc.oneof(fc.constant<Auth>({ caller: 'no token', header: undefined }), authorization(context, undefined)),
      // Mostly a body where the route takes one; now and then one where it takes none.
      body: body
        ? fc.option(bodyText(route, body, pinFor(route.key)), { freq: 8 })
        : fc.oneof(
            { weight: 7, arbitrary: fc.constant(null) },
            {
              weight: 1,
              arbitrary: hostileString.map((text) => ({ text, contentType: 'application/json' as string | undefined })),
            },
          ),
      extra: extraHeaders,
    })
    .map(({ method, path, query, auth, body, extra }): FuzzRequest => {
      const headers: Record<string, string> = { ...extra };
      if (auth.header !== undefined) headers.authorization = auth.header;
      const withBody = body !== null && method !== 'GET' && method !== 'HEAD';
      if (withBody && body.contentType !== undefined) headers['content-type'] = body.contentType;
      // Judged by what is sent, not by the route it was generated for: a changed method lands on another route.
      const revealsRealCredential = method === 'GET' && path === `/accounts/${context.real.accountId}/credential`;
      const exports = method === 'GET' && path === '/contacts/export';
      const request: FuzzRequest = {
        route: route.key,
        caller: auth.caller,
        method,
        path: `${path}${query}`,
        headers,
        ...(withBody ? { body: body.text } : {}),
        // Reveals are audited before the answer, allowed (200) or refused (403); exports once they are built.
        ...(revealsRealCredential ? { audited: [200, 403] } : exports ? { audited: [200] } : {}),
      };
      return Object.defineProperty(request, fc.toStringMethod, {
        value: () => describeRequest(request),
        enumerable: false,
      });
    });
}

/** A request as a counterexample prints it: the caller by name, long bodies cut. */
export function describeRequest(request: FuzzRequest): string {
  const { authorization: _token, ...headers } = request.headers;
  const body =
    request.body && request.body.length > 300
      ? `${request.body.slice(0, 300)}… (${request.body.length} characters)`
      : request.body;
  return `${request.method} ${request.path.length > 300 ? `${request.path.slice(0, 300)}…` : request.path} as ${request.caller} ${JSON.stringify({ headers, body })}`;
}
