/**
 * Issue 15.5 and 15.6 in the CDK app: `-c identityProvider=cognito` deploys a Cognito user pool that
 * the API's JWT authorizer trusts, passing the four cdk-nag packs; a deploy (`npm run deploy` sets
 * `-c deploy=true`) refuses the offline `.invalid` placeholders unless `-c demo=true`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/app.ts';
import { repositoryRoot } from '../support/runtime.ts';
import { AppTemplates, type StackTemplate } from './templates.ts';

const cdkJson = JSON.parse(readFileSync(resolve(repositoryRoot, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};
const base = { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] };
const real = {
  senderAddress: 'no-reply@dcf.test.example',
  alarmEmail: 'oncall@dcf.test.example',
};

describe('identityProvider=cognito', () => {
  let root: StackTemplate;
  const ofType = (type: string) => Object.entries(root.resources).filter(([, resource]) => resource.Type === type);
  /** The logical id and properties of the one resource of `type`. */
  const only = (type: string): [string, Record<string, any>] => {
    const found = ofType(type);
    expect(found, type).toHaveLength(1);
    return [found[0]![0], found[0]![1].Properties as Record<string, any>];
  };

  beforeAll(() => {
    const { stack } = createApp({
      context: { ...base, ...real, identityProvider: 'cognito', consoleCallbackUrls: 'https://console.dcf.example/cb' },
    });
    // Synthesizes with the nag packs as validation plugins: any unacknowledged finding throws here.
    root = new AppTemplates(stack).root;
  });

  it('deploys a user pool with MFA required, a strong password policy and the Plus tier', () => {
    const [, pool] = only('AWS::Cognito::UserPool');
    expect(pool).toMatchObject({
      MfaConfiguration: 'ON',
      UserPoolTier: 'PLUS',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: { MinimumLength: 14, RequireSymbols: true } },
    });
    expect(ofType('AWS::Cognito::UserPoolDomain')).toHaveLength(1);
  });

  it('gives the console an authorization-code client without a secret', () => {
    const [, client] = only('AWS::Cognito::UserPoolClient');
    expect(client).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ['https://console.dcf.example/cb'],
      GenerateSecret: false,
    });
  });

  it("points the HTTP API's JWT authorizer at the pool and its client", () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    const [, authorizer] = only('AWS::ApiGatewayV2::Authorizer');
    const issuer = JSON.stringify(authorizer.JwtConfiguration.Issuer);
    expect(issuer).toContain('cognito-idp.');
    expect(issuer).toContain(poolId);
    expect(authorizer.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
  });
});

describe('deploy guardrails', () => {
  const complete = { ...real, oidcIssuer: 'https://login.dcf.example/oauth2', oidcAudience: 'official-accounts' };

  it('refuses the placeholder issuer, audience, sender and alarm address at deploy', () => {
    expect(() => createApp({ context: { ...base, deploy: 'true' } })).toThrow(
      /Refusing to deploy with the offline placeholders for oidcIssuer, oidcAudience, senderAddress, alarmEmail/,
    );
  });

  it('refuses a `.invalid` value given explicitly', () => {
    expect(() =>
      createApp({ context: { ...base, ...complete, senderAddress: 'no-reply@sender.invalid', deploy: 'true' } }),
    ).toThrow(/placeholders for senderAddress/);
  });

  it('does not ask a Cognito deployment for an issuer or audience', () => {
    expect(() => createApp({ context: { ...base, identityProvider: 'cognito', deploy: 'true' } })).toThrow(
      /placeholders for senderAddress, alarmEmail:/,
    );
  });

  it('rejects an unknown identity provider', () => {
    expect(() => createApp({ context: { ...base, ...complete, identityProvider: 'okta' } })).toThrow(
      /Context "identityProvider" must be "cognito"/,
    );
  });

  it('lets a demonstration deploy the placeholders with -c demo=true, and synth without deploy', () => {
    expect(() => createApp({ context: { ...base, deploy: 'true', demo: 'true' } })).not.toThrow();
    expect(() => createApp({ context: base })).not.toThrow();
  });
});
