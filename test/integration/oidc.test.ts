/**
 * The local OpenID Provider (issue 15.5): discovery advertises the code flow with PKCE S256; a person
 * signs in through the persona page with plain HTTP requests, as a browser would, and the access token
 * works on the API; a request without a code challenge is refused; a case system's client credentials
 * work; a token signed with another key does not.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { hostileTokens } from '../support/tokens.ts';

const redirectUri = 'http://127.0.0.1:9/test-callback';
const chromiumPath = '/usr/bin/chromium';
let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'oidc', extraArgs: ['--redirect-uri', redirectUri] });
}, 120_000);
afterAll(async () => runtime?.stop());

/** A cookie jar just big enough for one sign-in: name → value, from every Set-Cookie seen. */
function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    take(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
    },
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
  };
}

/** Follows redirects by hand, carrying cookies, until one leaves the provider (the redirect URI). */
async function follow(jar: ReturnType<typeof cookieJar>, first: Response, issuer: string): Promise<Response | URL> {
  let response = first;
  for (let hops = 0; hops < 10; hops++) {
    jar.take(response);
    const location = response.headers.get('location');
    if (!location) return response;
    const next = new URL(location, issuer);
    if (next.origin !== new URL(issuer).origin) return next;
    response = await fetch(next, { redirect: 'manual', headers: { cookie: jar.header() } });
  }
  throw new Error('too many redirects');
}

const authorizeUrl = (issuer: string, extra: Record<string, string>) =>
  `${issuer}/auth?${new URLSearchParams({
    client_id: runtime.endpoints.clients.console!.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid api',
    state: 'state-1',
    ...extra,
  })}`;

describe('local OpenID Provider', () => {
  it('advertises the code flow with PKCE S256 in its discovery document', async () => {
    const { issuer } = runtime.endpoints;
    const discovery: any = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(issuer);
    expect(discovery.authorization_endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth$/);
    expect(discovery.token_endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/token$/);
    expect(discovery.code_challenge_methods_supported).toContain('S256');
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'client_credentials']),
    );
  });

  it('signs a persona in with authorization code + PKCE S256; the token works on the API', async () => {
    const { issuer } = runtime.endpoints;
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const jar = cookieJar();
    const start = await fetch(authorizeUrl(issuer, { code_challenge: challenge, code_challenge_method: 'S256' }), {
      redirect: 'manual',
    });
    const page = await follow(jar, start, issuer);
    expect(page).toBeInstanceOf(Response);
    const html = await (page as Response).text();
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<main>');
    const buttons = [...html.matchAll(/<button[^>]*value="([^"]+)"[^>]*>([^<]+)<\/button>/g)];
    expect(buttons.map((b) => b[1])).toEqual(Object.keys(runtime.endpoints.personas));
    expect(buttons.find((b) => b[1] === 'administrator')![2]).toBe('administrator — Avery Administrator');
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;

    const signedIn = await fetch(new URL(action, issuer), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ persona: 'administrator' }),
    });
    const back = await follow(jar, signedIn, issuer);
    expect(back).toBeInstanceOf(URL);
    const callback = back as URL;
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe('state-1');
    const code = callback.searchParams.get('code')!;

    const exchange = (codeVerifier: string) =>
      fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: runtime.endpoints.clients.console!.clientId,
          code_verifier: codeVerifier,
        }),
      });
    expect((await exchange(randomBytes(32).toString('base64url'))).status).toBe(400);
    const tokens: any = await (await exchange(verifier)).json();
    expect(tokens.access_token, JSON.stringify(tokens)).toBeTruthy();
    const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'stf-administrator', aud: 'official-accounts', iss: issuer });
    expect(claims).not.toHaveProperty('roles');

    const me = await apiClient(runtime.endpoints).get('/me', { token: tokens.access_token });
    expect(me.status).toBe(200);
    expect(me.body.caller.id).toBe('stf-administrator');
  });

  it('refuses an authorization request without a PKCE code challenge', async () => {
    const { issuer } = runtime.endpoints;
    const jar = cookieJar();
    const back = await follow(jar, await fetch(authorizeUrl(issuer, {}), { redirect: 'manual' }), issuer);
    expect(back).toBeInstanceOf(URL);
    expect((back as URL).searchParams.get('code')).toBeNull();
    expect((back as URL).searchParams.get('error')).toBe('invalid_request');
  });

  it('gives a case system a token for the API through client credentials', async () => {
    const { issuer, clients } = runtime.endpoints;
    const client = clients.caseSystem!;
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api' }),
    });
    const body: any = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    const me = await apiClient(runtime.endpoints).get('/me', { token: body.access_token });
    expect(me.status).toBe(200);
    expect(me.body.caller.id).toBe(runtime.endpoints.personas.caseSystem!.id);
  });

  it('mints endpoints.json tokens that name the persona only, and refuses a token from another key', async () => {
    const api = apiClient(runtime.endpoints);
    const me = await api.get('/me', { as: 'director' });
    expect(me.status).toBe(200);
    expect(me.body.caller.id).toBe('stf-director');
    const claims = JSON.parse(Buffer.from(runtime.endpoints.tokens.director!.split('.')[1]!, 'base64url').toString());
    expect(claims).not.toHaveProperty('roles');
    const hostile = await hostileTokens(runtime.endpoints, runtime.dataDir);
    expect((await api.get('/me', { token: hostile.foreignKey! })).status).toBe(401);
  });

  it.skipIf(!existsSync(chromiumPath))(
    'names each persona button by its key in a browser',
    { timeout: 60_000 },
    async () => {
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const page = await browser.newPage();
        let landed: URL | undefined;
        await page.route(`${redirectUri}**`, (route) => {
          landed = new URL(route.request().url());
          return route.fulfill({ contentType: 'text/plain', body: 'signed in' });
        });
        await page.goto(
          authorizeUrl(runtime.endpoints.issuer, { code_challenge: challenge, code_challenge_method: 'S256' }),
        );
        expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
        expect(await page.getByRole('main').count()).toBe(1);
        const button = page.getByRole('button', { name: /^administrator — / });
        expect(await button.textContent()).toBe('administrator — Avery Administrator');
        await button.click();
        await page.waitForURL(`${redirectUri}**`);
        expect(landed?.searchParams.get('code')).toBeTruthy();
      } finally {
        await browser.close();
      }
    },
  );
});
