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
 *   apiDomainName  the API's regional custom domain, CloudFront's origin; the execute-api endpoint is disabled
 *   apiCertificateArn  ACM certificate for apiDomainName, in the application stack's region
 *   publicDomainName  the domain callers and e-mailed links use: CloudFront with AWS WAF (infra/edge-stack.ts)
 *   publicCertificateArn  ACM certificate for publicDomainName, in us-east-1
 *   publicBaseUrl  optional: base URL for links in e-mails; https://<publicDomainName> by default
 *   identityClaim  optional: the token claim holding the caller's directory id; `sub` (default), `oid` for Entra ID
 *   identityProvider  `cognito`: deploy an Amazon Cognito user pool and trust it instead of oidcIssuer/oidcAudience
 *   consoleCallbackUrls  with cognito: the console's redirect URIs, comma-separated
 *                  (default http://localhost:3001/callback)
 *   cognitoDomainPrefix  with cognito: the hosted UI's domain prefix (default official-accounts-<account>)
 *   consoleClientId  the console's public client id at the identity provider (code + PKCE, no secret),
 *                  served in /console/config.json; a placeholder and a warning without it
 *   consoleIssuer  optional: the issuer the console signs in with; oidcIssuer by default (with cognito, the
 *                  user pool's issuer, known after the first deploy)
 *   deploy         set by `npm run deploy`: refuse the offline placeholders below
 *   demo           `true`: deploy anyway with the placeholders, for a demonstration that signs no one in
 *
 * Everything but profile and publicBaseUrl must be given at deploy; the defaults only let synth and
 * tests run offline, use reserved `.invalid` names and fail closed (no token verifies, no mail goes).
 * `npm run deploy` refuses them unless `-c demo=true`; a demonstration without the four edge keys
 * gets no CloudFront and no WAF and keeps the execute-api endpoint, and synth says so:
 *   npm run deploy -- -c profile=nj-dcf -c oidcIssuer=https://login.example.gov/oauth2 \
 *     -c oidcAudience=official-accounts -c senderAddress=no-reply@dcf.example.gov \
 *     -c alarmEmail=oncall@dcf.example.gov -c apiDomainName=api-origin.dcf.example.gov \
 *     -c apiCertificateArn=arn:aws:acm:us-east-2:… -c publicDomainName=accounts.dcf.example.gov \
 *     -c publicCertificateArn=arn:aws:acm:us-east-1:…
 */
import { App, Annotations, type AppProps } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import { defaultProfileId } from '../shared/policy/index.ts';
import { resolveProfile } from '../shared/policy/resolve.ts';
import { applyNagPacks } from './nag.ts';
import { routeList } from '../shared/routes/index.ts';
import type { ConsoleConfig } from '../console/build.ts';
import { EdgeStack, edgeRegion, type EdgeInputs } from './edge-stack.ts';
import { OfficialAccountsStack, type DeploymentInputs } from './stack.ts';

/** Offline stand-ins, recognisable in a template and harmless if deployed. */
export const placeholderContext = {
  oidcIssuer: 'https://issuer.invalid/',
  oidcAudience: 'official-accounts',
  senderAddress: 'no-reply@sender.invalid',
  alarmEmail: 'alarms@alarms.invalid',
} as const;

/** The console's client id when none is given: sign-in fails until the deployment names the real one. */
export const consoleClientPlaceholder = 'official-accounts-console';

/** Offline stand-ins for the edge's names and certificates; never deployed (see createApp). */
export const edgePlaceholders: EdgeInputs = {
  apiDomainName: 'api-origin.official-accounts.invalid',
  apiCertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000',
  publicDomainName: 'official-accounts.invalid',
  publicCertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000',
};

const edgeKeys = Object.keys(edgePlaceholders) as Array<keyof EdgeInputs>;
const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const certificatePattern = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[\w-]+$/;

/** The four edge keys, all or none; undefined when none is given. */
function edgeContext(read: (key: string) => string | undefined): EdgeInputs | undefined {
  const given = edgeKeys.filter((key) => read(key) !== undefined);
  if (given.length === 0) return undefined;
  const missing = edgeKeys.filter((key) => read(key) === undefined);
  if (missing.length > 0) throw new Error(`Context ${edgeKeys.join(', ')} go together; missing ${missing.join(', ')}.`);
  const edge = Object.fromEntries(edgeKeys.map((key) => [key, read(key)!])) as unknown as EdgeInputs;
  for (const key of ['apiDomainName', 'publicDomainName'] as const) {
    if (!domainPattern.test(edge[key])) throw new Error(`Context "${key}" must be a domain name; got "${edge[key]}".`);
  }
  if (edge.apiDomainName.toLowerCase() === edge.publicDomainName.toLowerCase())
    throw new Error('Context "apiDomainName" and "publicDomainName" must differ: one is CloudFront\'s origin.');
  for (const key of ['apiCertificateArn', 'publicCertificateArn'] as const) {
    if (!certificatePattern.test(edge[key]))
      throw new Error(`Context "${key}" must be an ACM certificate ARN; got "${edge[key]}".`);
  }
  const region = certificatePattern.exec(edge.publicCertificateArn)![1];
  if (region !== edgeRegion)
    throw new Error(
      `Context "publicCertificateArn" must be in ${edgeRegion} (CloudFront reads no other); got ${region}.`,
    );
  return edge;
}

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
export function deploymentContext(
  node: Node,
): DeploymentInputs & { placeholders: string[]; edge: EdgeInputs | undefined; console: ConsoleConfig } {
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
    edge: edgeContext(read),
    console: {
      issuer: httpsUrl('consoleIssuer', read('consoleIssuer') ?? value('oidcIssuer')),
      clientId: consoleClientId(read('consoleClientId')),
    },
  };
}

/** A client id as identity providers issue them (Entra's GUIDs, Okta's and Cognito's opaque ids). */
function consoleClientId(value: string | undefined): string {
  if (value === undefined) return consoleClientPlaceholder;
  if (!/^[\w.:@/-]{1,256}$/.test(value))
    throw new Error(`Context "consoleClientId" must be a client id; got "${value}".`);
  return value;
}

/**
 * The app with its stacks and the nag packs; `props.context` stands in for `-c` in tests. `edge` is
 * absent only in a demonstration (`-c demo=true`) that names no domain.
 */
export function createApp(props: AppProps = {}): { app: App; stack: OfficialAccountsStack; edge?: EdgeStack } {
  const app = new App(props);
  const { placeholders, edge: givenEdge, console: consoleConfig, ...inputs } = deploymentContext(app.node);
  const flag = (key: string) => String(app.node.tryGetContext(key) ?? '') === 'true';
  const edgeInputs = givenEdge ?? (flag('demo') ? undefined : edgePlaceholders);
  const deployment: DeploymentInputs = edgeInputs
    ? {
        ...inputs,
        apiDomain: { name: edgeInputs.apiDomainName, certificateArn: edgeInputs.apiCertificateArn },
        publicBaseUrl: inputs.publicBaseUrl ?? `https://${edgeInputs.publicDomainName}`,
      }
    : inputs;
  const tags = { application: 'official-accounts', 'policy-profile': deployment.profile };
  const stack = new OfficialAccountsStack(app, 'OfficialAccounts', {
    description:
      'Official social media accounts of child-welfare agencies (Lambda, HTTP API, Step Functions, DynamoDB).',
    deployment,
    tags,
  });
  const edge = edgeInputs
    ? new EdgeStack(app, 'OfficialAccountsEdge', {
        description: 'CloudFront and AWS WAF in front of the official-accounts HTTP API (us-east-1).',
        edge: edgeInputs,
        routes: routeList(),
        console: consoleConfig,
        tags,
      })
    : undefined;
  // The API's custom domain exists before CloudFront starts forwarding to it.
  edge?.addStackDependency(stack, 'CloudFront forwards to the API custom domain');
  if (placeholders.length > 0 && flag('deploy') && !flag('demo')) {
    throw new Error(
      `Refusing to deploy with the offline placeholders for ${placeholders.join(', ')}: no token would verify ` +
        'and no mail would go. Pass them with -c (see infra/app.ts), or -c demo=true for a demonstration.',
    );
  }
  if (!givenEdge && flag('deploy') && !flag('demo')) {
    throw new Error(
      `Refusing to deploy without ${edgeKeys.join(', ')}: the API would have no CloudFront and no AWS WAF in ` +
        'front of it and would keep its execute-api endpoint (issue 16.8). Pass them with -c (see infra/app.ts), ' +
        'or -c demo=true for a demonstration.',
    );
  }
  if (placeholders.length > 0) {
    Annotations.of(stack).addWarningV2(
      'official-accounts:placeholder-context',
      `Using offline placeholders for ${placeholders.join(', ')}; pass them with -c at deploy (see infra/app.ts).`,
    );
  }
  if (!givenEdge && edge) {
    Annotations.of(edge).addWarningV2(
      'official-accounts:placeholder-edge',
      `Using offline placeholders for ${edgeKeys.join(', ')}; pass them with -c at deploy (see infra/app.ts).`,
    );
  }
  if (edge && app.node.tryGetContext('consoleClientId') === undefined) {
    Annotations.of(edge).addWarningV2(
      'official-accounts:console-client',
      `The console's config.json names the client id "${consoleClientPlaceholder}", a placeholder: sign-in ` +
        'fails until -c consoleClientId names the public client registered for https://<publicDomainName>' +
        '/console/callback (see README, Deploy).',
    );
  }
  if (!edge) {
    Annotations.of(stack).addWarningV2(
      'official-accounts:no-edge',
      'DEMONSTRATION WITHOUT AN EDGE: no CloudFront and no AWS WAF in front of the API, and its default ' +
        'execute-api endpoint stays open to the internet; the public decision-link routes have only the ' +
        "API stage's throttles (issue 16.8), and no console (it is served only by CloudFront, issue 18). " +
        'Give apiDomainName, apiCertificateArn, publicDomainName and ' +
        'publicCertificateArn for anything beyond a demonstration.',
    );
  }
  applyNagPacks(app);
  return { app, stack, ...(edge ? { edge } : {}) };
}

if (import.meta.main) createApp();
