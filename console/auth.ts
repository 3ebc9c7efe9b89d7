/**
 * Sign-in for the console (issue 18.3): authorization code + PKCE (S256) with oauth4webapi against the
 * agency's OpenID Provider. Tokens live in this module's memory only, so they die with the tab; the PKCE
 * verifier and state wait in sessionStorage (this tab only) for the one redirect round-trip and are
 * removed by the callback that uses them. Renewal uses the provider's rotating refresh token, also in memory.
 */
import * as oauth from 'oauth4webapi';

/** What the site serves as /console/config.json. */
export interface ConsoleConfig {
  issuer: string;
  clientId: string;
}

interface Session {
  accessToken: string;
  refreshToken: string | undefined;
  idToken: string | undefined;
}

const pendingKey = 'oa.sign-in';
const scope = 'openid profile api';
let session: Session | undefined;
let renewal: ReturnType<typeof setTimeout> | undefined;
let discovered: Promise<oauth.AuthorizationServer> | undefined;
let config: ConsoleConfig;

export const callbackPath = '/console/callback';
export const signedOutPath = '/console/signed-out';
const redirectUri = () => `${location.origin}${callbackPath}`;

/** Only a provider on this machine may be spoken to over plain HTTP (the local runtime's). */
const httpOptions = () => {
  const issuer = new URL(config.issuer);
  const local = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(issuer.hostname);
  return local ? { [oauth.allowInsecureRequests]: true } : {};
};

const client = (): oauth.Client => ({ client_id: config.clientId });

/** Reads the site's config and the provider's discovery document once. */
export async function configure(): Promise<void> {
  config = (await (await fetch('/console/config.json')).json()) as ConsoleConfig;
  const issuer = new URL(config.issuer);
  discovered = oauth
    .discoveryRequest(issuer, httpOptions())
    .then((response) => oauth.processDiscoveryResponse(issuer, response));
  await discovered;
}

const server = () => discovered!;

/** The bearer token for the API, if signed in. */
export const accessToken = (): string | undefined => session?.accessToken;

/** Goes to the provider's sign-in; comes back to `returnTo` through the callback. */
export async function signIn(returnTo: string): Promise<void> {
  const as = await server();
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url);
}

function keep(result: oauth.TokenEndpointResponse): void {
  session = {
    accessToken: result.access_token,
    refreshToken: result.refresh_token ?? session?.refreshToken,
    idToken: result.id_token ?? session?.idToken,
  };
  clearTimeout(renewal);
  // Renew at three quarters of the token's life, so a request never goes out with an expired one.
  const seconds = Math.max(5, Math.floor((result.expires_in ?? 3600) * 0.75));
  renewal = setTimeout(() => void renew(), seconds * 1000);
}

/** The callback: checks state, trades the code and verifier for tokens; returns where the person was going. */
export async function completeSignIn(): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(pendingKey);
  if (!pending) throw new Error('This sign-in was not started here, or was already used.');
  const as = await server();
  const params = oauth.validateAuthResponse(as, client(), new URL(location.href), pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client(),
    oauth.None(),
    params,
    redirectUri(),
    pending.verifier,
    httpOptions(),
  );
  keep(await oauth.processAuthorizationCodeResponse(as, client(), response));
  return pending.returnTo.startsWith('/console/') ? pending.returnTo : '/console/';
}

/** Silent renewal with the refresh token; false when there is none or the provider refuses it. */
export async function renew(): Promise<boolean> {
  const refreshToken = session?.refreshToken;
  if (!refreshToken) return false;
  try {
    const as = await server();
    const response = await oauth.refreshTokenGrantRequest(as, client(), oauth.None(), refreshToken, httpOptions());
    keep(await oauth.processRefreshTokenResponse(as, client(), response));
    return true;
  } catch {
    session = undefined;
    return false;
  }
}

/** Forgets the tokens and ends the provider's session (RP-initiated logout), landing on the signed-out page. */
export async function signOut(): Promise<void> {
  const as = await server();
  const idToken = session?.idToken;
  session = undefined;
  clearTimeout(renewal);
  const url = new URL(as.end_session_endpoint!);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    post_logout_redirect_uri: `${location.origin}${signedOutPath}`,
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).toString();
  location.assign(url);
}
