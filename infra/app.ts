/**
 * The CDK app: reads the deployment's context, builds the stack and runs cdk-nag on it.
 *
 * Context keys (`-c key=value`, or "context" in cdk.json):
 *   profile        policy profile(s): tn-dcs (default), dc-cfsa, mo-dss, nj-dcf, ct-dcf, or a `+`-joined
 *                  combination such as nj-dcf+ct-dcf
 *   oidcIssuer     the agency identity provider's issuer URL (https), as in the tokens' `iss`
 *   oidcAudience   the audience the API accepts (`aud`); several separated by commas
 *   senderAddress  the From address of all mail; its domain becomes the SES identity
 *   alarmEmail     who receives alarm notifications (confirm the SNS subscription mail)
 *   publicBaseUrl  optional: base URL for links in e-mails, e.g. a custom domain; the API's own URL otherwise
 *   identityClaim  optional: the token claim holding the caller's directory id; `sub` (default), `oid` for Entra ID
 *   identityProvider  `cognito`: deploy an Amazon Cognito user pool and trust it instead of oidcIssuer/oidcAudience
 *   consoleCallbackUrls  with cognito: the console's redirect URIs, comma-separated
 *                  (default http://localhost:3001/callback)
 *   cognitoDomainPrefix  with cognito: the hosted UI's domain prefix (default official-accounts-<account>)
 *   deploy         set by `npm run deploy`: refuse the offline placeholders below
 *   demo           `true`: deploy anyway with the placeholders, for a demonstration that signs no one in
 *
 * Everything but profile and publicBaseUrl must be given at deploy; the defaults only let synth and
 * tests run offline, use reserved `.invalid` names and fail closed (no token verifies, no mail goes).
 * `npm run deploy` refuses them unless `-c demo=true`:
 *   npm run deploy -- -c profile=nj-dcf -c oidcIssuer=https://login.example.gov/oauth2 \
 *     -c oidcAudience=official-accounts -c senderAddress=no-reply@dcf.example.gov -c alarmEmail=oncall@dcf.example.gov
 */
import { App, Annotations, type AppProps } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import { defaultProfileId } from '../shared/policy/index.ts';
import { resolveProfile } from '../shared/policy/resolve.ts';
import { applyNagPacks } from './nag.ts';
import { OfficialAccountsStack, type DeploymentInputs } from './stack.ts';

/** Offline stand-ins, recognisable in a template and harmless if deployed. */
export const placeholderContext = {
  oidcIssuer: 'https://issuer.invalid/',
  oidcAudience: 'official-accounts',
  senderAddress: 'no-reply@sender.invalid',
  alarmEmail: 'alarms@alarms.invalid',
} as const;

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function httpsUrl(key: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Context "${key}" must be an https URL; got "${value}".`);
  }
  if (url.protocol !== 'https:') throw new Error(`Context "${key}" must be an https URL; got "${value}".`);
  return value;
}

function emailAddress(key: string, value: string): string {
  if (!emailPattern.test(value)) throw new Error(`Context "${key}" must be an e-mail address; got "${value}".`);
  return value;
}

/** Context keys a deployment must not leave at their placeholder, by identity provider. */
function keysToRefuse(identityProvider: DeploymentInputs['identityProvider']) {
  const keys = Object.keys(placeholderContext) as Array<keyof typeof placeholderContext>;
  return identityProvider === 'cognito' ? keys.filter((key) => !key.startsWith('oidc')) : keys;
}

function callbackUrl(value: string): string {
  const url = URL.parse(value);
  // Cognito takes https, or http only for localhost (development).
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost')))
    throw new Error(`Context "consoleCallbackUrls" must list https URLs (or http://localhost); got "${value}".`);
  return value;
}

/** The deployment's inputs from context, validated; throws with the key's name on a bad value. */
export function deploymentContext(node: Node): DeploymentInputs & { placeholders: string[] } {
  const read = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    return value === undefined || value === '' ? undefined : String(value);
  };
  const profileIds = (read('profile') ?? defaultProfileId)
    .split(/[+,]/)
    .map((id) => id.trim())
    .filter(Boolean);
  try {
    resolveProfile(profileIds);
  } catch (error) {
    throw new Error(`Context "profile": ${(error as Error).message}`);
  }
  const identityProvider = read('identityProvider');
  if (identityProvider !== undefined && identityProvider !== 'cognito')
    throw new Error(`Context "identityProvider" must be "cognito" or absent; got "${identityProvider}".`);
  const placeholders = keysToRefuse(identityProvider).filter(
    (key) => read(key) === undefined || /\.invalid(\/|$)/i.test(new URL(`x://${read(key)!.split('@').pop()}`).host),
  );
  const value = (key: keyof typeof placeholderContext) => read(key) ?? placeholderContext[key];
  const audience = value('oidcAudience')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (audience.length === 0) throw new Error('Context "oidcAudience" names no audience.');
  const publicBaseUrl = read('publicBaseUrl');
  const identityClaim = read('identityClaim');
  if (identityClaim !== undefined && !/^[A-Za-z_][A-Za-z0-9_:.-]*$/.test(identityClaim)) {
    throw new Error(`Context "identityClaim" must be a claim name; got "${identityClaim}".`);
  }
  return {
    profile: profileIds.join('+'),
    oidcIssuer: httpsUrl('oidcIssuer', value('oidcIssuer')),
    oidcAudience: audience,
    senderAddress: emailAddress('senderAddress', value('senderAddress')),
    alarmEmail: emailAddress('alarmEmail', value('alarmEmail')),
    ...(publicBaseUrl ? { publicBaseUrl: httpsUrl('publicBaseUrl', publicBaseUrl) } : {}),
    ...(identityClaim ? { identityClaim } : {}),
    ...(identityProvider === 'cognito'
      ? {
          identityProvider,
          consoleCallbackUrls: (read('consoleCallbackUrls') ?? 'http://localhost:3001/callback')
            .split(',')
            .map((entry) => callbackUrl(entry.trim())),
          ...(read('cognitoDomainPrefix') ? { cognitoDomainPrefix: read('cognitoDomainPrefix') } : {}),
        }
      : {}),
    placeholders,
  };
}

/** The app with its one stack and the nag packs; `props.context` stands in for `-c` in tests. */
export function createApp(props: AppProps = {}): { app: App; stack: OfficialAccountsStack } {
  const app = new App(props);
  const { placeholders, ...deployment } = deploymentContext(app.node);
  const stack = new OfficialAccountsStack(app, 'OfficialAccounts', {
    description:
      'Official social media accounts of child-welfare agencies (Lambda, HTTP API, Step Functions, DynamoDB).',
    deployment,
    tags: { application: 'official-accounts', 'policy-profile': deployment.profile },
  });
  const flag = (key: string) => String(app.node.tryGetContext(key) ?? '') === 'true';
  if (placeholders.length > 0 && flag('deploy') && !flag('demo')) {
    throw new Error(
      `Refusing to deploy with the offline placeholders for ${placeholders.join(', ')}: no token would verify ` +
        'and no mail would go. Pass them with -c (see infra/app.ts), or -c demo=true for a demonstration.',
    );
  }
  if (placeholders.length > 0) {
    Annotations.of(stack).addWarningV2(
      'official-accounts:placeholder-context',
      `Using offline placeholders for ${placeholders.join(', ')}; pass them with -c at deploy (see infra/app.ts).`,
    );
  }
  applyNagPacks(app);
  return { app, stack };
}

if (import.meta.main) createApp();
