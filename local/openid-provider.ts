/**
 * The local OpenID Provider: `oidc-provider` (a certified implementation) on its own port, standing in
 * for the agency's identity provider. People sign in in a browser with the authorization code flow and
 * PKCE (S256, required); case systems use client credentials. Access tokens are JWTs for the API's
 * audience, signed with an RS256 key kept under .local/issuer so tokens survive restarts; the gateway
 * verifies them with the same code (verify-token.ts) as for any other issuer.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { listen } from './ports.ts';
import { signInPage } from './sign-in-page.ts';

/** The audience the API accepts (`aud`), as `oidcAudience` is in AWS. */
export const localAudience = 'official-accounts';
/** The API as a resource server (RFC 8707); requests that name none get it by default. */
export const apiResource = 'urn:official-accounts:api';
/** The console's client id: a public client (no secret), so PKCE is what binds the code to it. */
export const consoleClientId = 'official-accounts-console';
/** Where a console on port 3001 receives the code; the runtime adds its own `/console/callback` (redirectUris). */
export const defaultRedirectUris = ['http://127.0.0.1:3001/callback', 'http://localhost:3001/callback'];

/** Someone who can sign in: the persona's key, their staffId (the token's `sub`) and name. */
export interface SignInPerson {
  key: string;
  id: string;
  name: string;
  email: string;
}

/** A case system: a confidential client whose id is its directory id, so `sub` names it. */
export interface MachineClient {
  clientId: string;
  clientSecret: string;
}

export interface OpenIdProvider {
  issuer: string;
  audience: string;
  /** Public keys, as the provider serves them at its jwks_uri. */
  jwks: { keys: JWK[] };
  /** Case systems' client credentials, kept under .local/issuer like the key. */
  machineClients: Record<string, MachineClient>;
  /** An access token for a person, minted by the provider itself (see mintAccessToken). */
  mintPersonToken(staffId: string): Promise<string>;
  /** An access token for a case system, as its client credentials grant would return it. */
  mintClientToken(clientId: string): Promise<string>;
  close(): Promise<void>;
}

export interface OpenIdProviderOptions {
  host: string;
  /** 0: the port this data directory used before, else one the OS picks. */
  port: number;
  /** Holds the signing key, the chosen port and the case systems' secrets. */
  directory: string;
  people: SignInPerson[];
  /** Persona keys of case systems (client credentials only). */
  machineKeys: Array<{ key: string; id: string }>;
  redirectUris?: string[];
  /** Lifetime of access tokens from the code flow (default an hour); short in tests of silent renewal. */
  accessTokenSeconds?: number;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function keep<T>(file: string, create: () => Promise<T>): Promise<T> {
  const existing = await readJson<T>(file);
  if (existing !== undefined) return existing;
  const value = await create();
  await writeFile(file, JSON.stringify(value), { mode: 0o600 });
  return value;
}

/** One RS256 key, in the same file as before so tests and restarts find it where they did. */
async function createSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `local-${Date.now().toString(36)}` };
}

/** The port a data directory's issuer used: the issuer's URL is its name, so tokens stay valid only if it holds. */
async function choosePort(directory: string, requested: number): Promise<number> {
  if (requested !== 0) return requested;
  return (await readJson<{ port: number }>(join(directory, 'port.json')))?.port ?? 0;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 16_384) req.destroy(new Error('form too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

/**
 * The API as oidc-provider describes a resource server: JWT access tokens (opaque is its default, and
 * an HTTP API's JWT authorizer can only verify JWTs), RS256, `aud` = the API's audience.
 */
const apiResourceServer = (accessTokenTTL: number) => ({
  scope: 'api',
  audience: localAudience,
  accessTokenFormat: 'jwt' as const,
  accessTokenTTL,
  jwt: { sign: { alg: 'RS256' } },
});

function configuration(options: OpenIdProviderOptions, signingKey: JWK, machines: Record<string, MachineClient>) {
  const redirectUris = [...new Set([...defaultRedirectUris, ...(options.redirectUris ?? [])])];
  const byId = new Map(options.people.map((person) => [person.id, person]));
  return {
    jwks: { keys: [signingKey] },
    clients: [
      {
        client_id: consoleClientId,
        token_endpoint_auth_method: 'none',
        // Refresh tokens renew the console's session silently (issue 18.3); public client, so each is single-use.
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: postLogoutUris(redirectUris),
      },
      ...Object.values(machines).map((machine) => ({
        client_id: machine.clientId,
        client_secret: machine.clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      })),
    ],
    // The console keeps its refresh token in memory only, so it asks for none with `offline_access`:
    // it gets one for the tab's lifetime, rotated at every use (oidc-provider's default for public clients).
    issueRefreshToken: async (
      _ctx: KoaContextWithOIDC,
      client: { clientId: string; grantTypeAllowed(t: string): boolean },
    ) => client.clientId === consoleClientId && client.grantTypeAllowed('refresh_token'),
    // PKCE on every authorization request, public client or not; oidc-provider supports S256 only.
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    // The token names the person and nothing else: roles, region and office come from the directory.
    findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
      const person = byId.get(id);
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: person.name, email: person.email }) };
    },
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: KoaContextWithOIDC, indicator: string) => {
          if (indicator !== apiResource) throw new Provider.errors.InvalidTarget();
          return apiResourceServer(options.accessTokenSeconds ?? 60 * 60);
        },
      },
    },
    // The console calls the token endpoint from its own origin: allow exactly its redirect URIs' origins.
    clientBasedCORS: (_ctx: KoaContextWithOIDC, origin: string, client: { redirectUris?: string[] }) =>
      (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: {
      RefreshToken: 12 * 60 * 60,
      // The API's resource server decides (accessTokenSeconds); a constant here would override it.
      AccessToken: (_ctx: unknown, token: { resourceServer?: { accessTokenTTL?: number } }) =>
        token.resourceServer?.accessTokenTTL ?? 60 * 60,
      ClientCredentials: 60 * 60,
      AuthorizationCode: 60,
      Interaction: 10 * 60,
    },
  };
}

/** Where the console lands after signing out: its `signed-out` page beside each `/console/callback`. */
function postLogoutUris(redirectUris: string[]): string[] {
  return redirectUris
    .filter((uri) => uri.endsWith('/console/callback'))
    .map((uri) => uri.replace(/callback$/, 'signed-out'));
}

/** The provider's "sign out?" page in the sign-in page's plain style (its default pulls in a web font). */
async function logoutSource(ctx: { type: string; body: unknown }, form: string): Promise<void> {
  ctx.type = 'html';
  ctx.body = signInPage({ kind: 'sign-out', form });
}

/** Starts the provider; resolves once it answers on its port. */
export async function startOpenIdProvider(options: OpenIdProviderOptions): Promise<OpenIdProvider> {
  await mkdir(options.directory, { recursive: true });
  const signingKey = await keep(join(options.directory, 'signing-key.json'), createSigningKey);
  const machines = await keep(join(options.directory, 'clients.json'), async () =>
    Object.fromEntries(
      options.machineKeys.map(({ key, id }) => [key, { clientId: id, clientSecret: randomBytes(32).toString('hex') }]),
    ),
  );
  const server = createServer();
  const port = await listen(server, await choosePort(options.directory, options.port), options.host);
  await writeFile(join(options.directory, 'port.json'), JSON.stringify({ port }));
  const issuer = `http://${options.host}:${port}`;
  const provider = new Provider(issuer, configuration(options, signingKey, machines));
  const handleProvider = provider.callback();
  const people = options.people;

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action?: string) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return sendHtml(res, 400, signInPage({ kind: 'error', message: 'Sign-in expired.' }));
    if (req.method === 'GET' && !action) return sendHtml(res, 200, signInPage({ kind: 'choose', uid, people }));
    if (req.method !== 'POST' || action !== 'login') return sendHtml(res, 405, signInPage({ kind: 'error' }));
    const personaKey = (await readForm(req)).get('persona');
    const chosen = people.find((person) => person.key === personaKey);
    if (!chosen) return sendHtml(res, 400, signInPage({ kind: 'choose', uid, people, error: 'Choose a persona.' }));
    // First-party console, local development: consent is granted with the sign-in, for what was asked.
    const grant = new provider.Grant({ accountId: chosen.id, clientId: String(details.params.client_id) });
    const scopes = String(details.params.scope ?? 'openid').split(' ');
    grant.addOIDCScope(scopes.filter((scope) => scope !== 'api').join(' '));
    grant.addResourceScope(apiResource, 'api');
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: chosen.id }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login))?$/.exec((req.url ?? '').split('?')[0]!);
    if (!match) return void handleProvider(req, res);
    interaction(req, res, match[1]!, match[2]).catch(() => {
      if (!res.headersSent) sendHtml(res, 400, signInPage({ kind: 'error', message: 'Sign-in expired.' }));
    });
  });

  const consoleClient = async () => (await provider.Client.find(consoleClientId))!;
  const api = () => new provider.ResourceServer(apiResource, apiResourceServer(60 * 60));
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicKey } = signingKey;
  return {
    issuer,
    audience: localAudience,
    jwks: { keys: [publicKey] },
    machineClients: machines,
    // endpoints.json's tokens are minted here, outside a browser, by the provider's own token models:
    // the same claims, key, format and `aud` as a token from the code flow, with a working day's lifetime.
    mintPersonToken: async (staffId) =>
      new provider.AccessToken({
        accountId: staffId,
        client: await consoleClient(),
        gty: 'authorization_code',
        scope: 'api',
        resourceServer: api(),
        expiresIn: 12 * 60 * 60,
      }).save(),
    mintClientToken: async (clientId) =>
      new provider.ClientCredentials({
        client: (await provider.Client.find(clientId))!,
        scope: 'api',
        resourceServer: api(),
        expiresIn: 12 * 60 * 60,
      }).save(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
