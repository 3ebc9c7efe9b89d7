/**
 * Issue 18's console in AWS, in the synthesized edge stack: a private S3 bucket read only by this
 * distribution through origin access control, the `/console/*` behavior with the console's strict
 * Content-Security-Policy, the function that answers index.html for the console's pages (and only
 * those), and the deployments of the shared build (console/build.ts) with config.json from context.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleContentSecurityPolicy } from '../../console/build.ts';
import { createApp } from '../../infra/app.ts';
import { consoleRewriteSource } from '../../infra/constructs/console-site.ts';
import type { EdgeStack } from '../../infra/edge-stack.ts';
import { repositoryRoot } from '../../infra/lambda-defaults.ts';
import { AppTemplates, type Resource, type StackTemplate } from './templates.ts';

const cdkJson = JSON.parse(readFileSync(resolve(repositoryRoot, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};
const context = {
  ...cdkJson.context,
  'aws:cdk:bundling-stacks': [],
  oidcIssuer: 'https://login.dcf.test.example/oauth2',
  oidcAudience: 'official-accounts-test',
  senderAddress: 'no-reply@dcf.test.example',
  alarmEmail: 'oncall@dcf.test.example',
  apiDomainName: 'api-origin.dcf.test.example',
  apiCertificateArn: 'arn:aws:acm:us-east-2:123456789012:certificate/11111111-2222-3333-4444-555555555555',
  publicDomainName: 'accounts.dcf.test.example',
  publicCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000',
  consoleClientId: 'console-client-test',
};

const ofType = (at: StackTemplate, type: string): Array<[string, Record<string, any>]> =>
  Object.entries(at.resources as Record<string, Resource>)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource.Properties]);
const startingWith = (at: StackTemplate, type: string, prefix: string): [string, Record<string, any>] => {
  const found = ofType(at, type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}`).toHaveLength(1);
  return found[0]!;
};

/** Runs the CloudFront Function's source as CloudFront would, on one viewer request. */
const rewrite = (uri: string, querystring: Record<string, unknown> = {}) => {
  const handler = new Function(`${consoleRewriteSource}; return handler;`)() as (event: unknown) => {
    uri: string;
    querystring: Record<string, unknown>;
  };
  return handler({ request: { method: 'GET', uri, querystring, headers: {} } });
};

describe('the console in AWS', () => {
  let edge: EdgeStack;
  let at: StackTemplate;
  let distribution: Record<string, any>;
  let distributionId: string;
  let bucketId: string;

  beforeAll(() => {
    const created = createApp({ context });
    edge = created.edge!;
    at = new AppTemplates(edge).root;
    [distributionId, distribution] = ofType(at, 'AWS::CloudFront::Distribution')[0]!;
    [bucketId] = startingWith(at, 'AWS::S3::Bucket', 'ConsoleBucket');
  });

  it('keeps its assets in a private, versioned, encrypted bucket that refuses requests without TLS', () => {
    const [, bucket] = startingWith(at, 'AWS::S3::Bucket', 'ConsoleBucket');
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    const [, policy] = startingWith(at, 'AWS::S3::BucketPolicy', 'ConsoleBucket');
    expect(policy.Bucket).toEqual({ Ref: bucketId });
    const statements = policy.PolicyDocument.Statement as Array<Record<string, any>>;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('lets only this distribution read it, through origin access control', () => {
    const [, policy] = startingWith(at, 'AWS::S3::BucketPolicy', 'ConsoleBucket');
    const allows = (policy.PolicyDocument.Statement as Array<Record<string, any>>).filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudfront::',
                  { Ref: 'AWS::AccountId' },
                  ':distribution/',
                  {
                    Ref: distributionId,
                  },
                ],
              ],
            },
          },
        },
      },
    ]);
    const [oacId, oac] = ofType(at, 'AWS::CloudFront::OriginAccessControl')[0]!;
    expect(oac.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const origin = (distribution.DistributionConfig.Origins as Array<Record<string, any>>).find(
      (o) => o.OriginAccessControlId !== undefined,
    )!;
    expect(origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
  });

  it('serves /console/* from the bucket, read-only, HTTPS only, compressed; the API stays the default', () => {
    const config = distribution.DistributionConfig;
    const [behavior] = config.CacheBehaviors as [Record<string, any>];
    const bucketOrigin = (config.Origins as Array<Record<string, any>>).find((o) => o.OriginAccessControlId);
    expect(behavior).toMatchObject({
      PathPattern: '/console/*',
      TargetOriginId: bucketOrigin!.Id,
      AllowedMethods: ['GET', 'HEAD'],
      ViewerProtocolPolicy: 'https-only',
      Compress: true,
    });
    expect(config.DefaultCacheBehavior.TargetOriginId).not.toBe(bucketOrigin!.Id);
    // No error-response mapping: the API's 403s and 404s stay what they are.
    expect(config.CustomErrorResponses).toBeUndefined();
    const [cacheId, cache] = startingWith(at, 'AWS::CloudFront::CachePolicy', 'ConsoleCache');
    expect(behavior.CachePolicyId).toEqual({ Ref: cacheId });
    // The sign-in callback's code and state (query string) are neither cached on nor sent to S3.
    expect(cache.CachePolicyConfig).toMatchObject({
      MinTTL: 0,
      ParametersInCacheKeyAndForwardedToOrigin: {
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'none' },
      },
    });
  });

  it("sends the console's strict CSP with HSTS, nosniff, no framing and no referrer", () => {
    const [behavior] = distribution.DistributionConfig.CacheBehaviors as [Record<string, any>];
    const [headersId, headers] = startingWith(at, 'AWS::CloudFront::ResponseHeadersPolicy', 'ConsoleHeaders');
    expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: headersId });
    const security = headers.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = security.ContentSecurityPolicy.ContentSecurityPolicy as string;
    // The same policy the local runtime sends (console/build.ts), for this deployment's issuer.
    expect(csp).toBe(consoleContentSecurityPolicy(context.oidcIssuer));
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' https://login.dcf.test.example;");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(security).toEqual({
      ContentSecurityPolicy: { ContentSecurityPolicy: csp, Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
    });
  });

  it("answers index.html for the console's pages with a viewer-request function on its behavior only", () => {
    const [behavior] = distribution.DistributionConfig.CacheBehaviors as [Record<string, any>];
    const [functionId, fn] = startingWith(at, 'AWS::CloudFront::Function', 'ConsoleRewrite');
    expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.FunctionCode).toBe(consoleRewriteSource);
    expect(behavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
    ]);
    expect(distribution.DistributionConfig.DefaultCacheBehavior.FunctionAssociations).toBeUndefined();
    for (const page of ['/console/', '/console/accounts/acc-1', '/console/rotations/r-1', '/console/signed-out']) {
      expect(rewrite(page).uri, page).toBe('/console/index.html');
    }
    for (const file of ['/console/main.js', '/console/config.json', '/console/uswds/css/uswds.min.css']) {
      expect(rewrite(file).uri, file).toBe(file);
    }
    const callback = rewrite('/console/callback', { code: { value: 'c' }, state: { value: 's' } });
    expect(callback).toMatchObject({ uri: '/console/index.html', querystring: { code: { value: 'c' } } });
  });

  it('deploys the shared build with config.json from context, and USWDS, each with its Cache-Control', () => {
    const deployments = ofType(at, 'Custom::CDKBucketDeployment');
    expect(deployments.map(([, d]) => [d.DestinationBucketKeyPrefix, d.SystemMetadata, d.Prune, d.Exclude])).toEqual(
      expect.arrayContaining([
        ['console/uswds/', { 'cache-control': 'public, max-age=86400' }, true, undefined],
        ['console/', { 'cache-control': 'no-cache' }, true, ['uswds/*']],
      ]),
    );
    expect(deployments).toHaveLength(2);
    for (const [, d] of deployments) expect(d.DestinationBucketName).toEqual({ Ref: bucketId });
    const directory = edge.console.assetDirectory;
    // Issuer and public client id only: nothing secret.
    expect(JSON.parse(readFileSync(join(directory, 'config.json'), 'utf8'))).toEqual({
      issuer: context.oidcIssuer,
      clientId: context.consoleClientId,
    });
    expect(readFileSync(join(directory, 'index.html'), 'utf8')).toContain('src="/console/main.js"');
    expect(readFileSync(join(directory, 'main.js'), 'utf8').length).toBeGreaterThan(10_000);
    Annotations.fromStack(edge).hasNoWarning('*', Match.stringLikeRegexp('consoleClientId'));
  });
});

describe('the console without a client id or without an edge', () => {
  it('warns when the console would name the placeholder client id', () => {
    const { edge } = createApp({ context: { ...context, consoleClientId: undefined } });
    Annotations.fromStack(edge!).hasWarning('*', Match.stringLikeRegexp('consoleClientId'));
  });

  it('has no console in a demonstration without the edge, and the warning says so', () => {
    const demo = { ...context, demo: 'true' } as Record<string, unknown>;
    for (const key of ['apiDomainName', 'apiCertificateArn', 'publicDomainName', 'publicCertificateArn']) {
      delete demo[key];
    }
    const { stack, edge } = createApp({ context: demo });
    expect(edge).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('no console'));
  });
});
