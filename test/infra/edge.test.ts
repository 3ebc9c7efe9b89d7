/**
 * Issue 16.8's edge, in the synthesized app: CloudFront with an AWS WAF web ACL (rate limits per IP,
 * tighter on the public routes, managed rule groups, redacted logs) in us-east-1 in front of the HTTP
 * API, whose execute-api endpoint is disabled once it has a custom domain; e-mailed links use the
 * public domain; a deploy refuses to go without the edge unless it is a demonstration, which says so.
 */
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/app.ts';
import {
  countedCoreRules,
  managedRuleGroups,
  publicPathPrefixes,
  webAclRateLimits,
} from '../../infra/constructs/web-acl.ts';
import { accessLogFields, type EdgeStack } from '../../infra/edge-stack.ts';
import { repositoryRoot } from '../../infra/lambda-defaults.ts';
import type { OfficialAccountsStack } from '../../infra/stack.ts';
import { routeList } from '../../shared/routes/index.ts';
import { AppTemplates, type Resource, type StackTemplate } from './templates.ts';

const cdkJson = JSON.parse(readFileSync(resolve(repositoryRoot, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};
const base = { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] };
const complete = {
  oidcIssuer: 'https://login.dcf.test.example/oauth2',
  oidcAudience: 'official-accounts-test',
  senderAddress: 'no-reply@dcf.test.example',
  alarmEmail: 'oncall@dcf.test.example',
};
const edgeContext = {
  apiDomainName: 'api-origin.dcf.test.example',
  apiCertificateArn: 'arn:aws:acm:us-east-2:123456789012:certificate/11111111-2222-3333-4444-555555555555',
  publicDomainName: 'accounts.dcf.test.example',
  publicCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000',
};

const resourcesOf = (at: { resources: Record<string, Resource> }, type: string) =>
  Object.entries(at.resources).filter(([, resource]) => resource.Type === type);
const only = (at: { resources: Record<string, Resource> }, type: string): [string, Record<string, any>] => {
  const found = resourcesOf(at, type);
  expect(found, type).toHaveLength(1);
  return [found[0]![0], found[0]![1].Properties];
};
/** The one resource of `type` whose logical id starts with `prefix`: the edge also holds the console's (issue 18). */
const byId = (
  at: { resources: Record<string, Resource> },
  type: string,
  prefix: string,
): [string, Record<string, any>] => {
  const found = resourcesOf(at, type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}`).toHaveLength(1);
  return [found[0]![0], found[0]![1].Properties];
};
/** Every function's PUBLIC_BASE_URL across the root and nested stacks. */
const publicBaseUrls = (templates: AppTemplates) =>
  templates
    .ofType('AWS::Lambda::Function')
    .map(({ at, resource }) => templates.origin(at, resource.Properties.Environment?.Variables?.PUBLIC_BASE_URL))
    .filter((value) => value !== undefined);

describe('with the edge context', () => {
  let stack: OfficialAccountsStack;
  let edge: EdgeStack;
  let templates: AppTemplates;
  let edgeTemplate: StackTemplate;
  let rules: Array<Record<string, any>>;
  const rule = (name: string) => rules.find((entry) => entry.Name === name)!;

  beforeAll(() => {
    const app = createApp({ context: { ...base, ...complete, ...edgeContext, deploy: 'true' } });
    stack = app.stack;
    edge = app.edge!;
    // Synthesizes the whole app with the nag packs as validation plugins: any finding throws here.
    templates = new AppTemplates(stack);
    edgeTemplate = new AppTemplates(edge).root;
    rules = only(edgeTemplate, 'AWS::WAFv2::WebACL')[1].Rules;
  });

  it('puts the edge stack in us-east-1, deployed after the application stack', () => {
    expect(edge.region).toBe('us-east-1');
    expect(edge.dependencies).toContain(stack);
  });

  it('disables the execute-api endpoint and maps the custom domain to the $default stage', () => {
    const [, api] = only(templates.root, 'AWS::ApiGatewayV2::Api');
    expect(api.DisableExecuteApiEndpoint).toBe(true);
    const [domainId, domain] = only(templates.root, 'AWS::ApiGatewayV2::DomainName');
    expect(domain).toMatchObject({
      DomainName: edgeContext.apiDomainName,
      DomainNameConfigurations: [
        { CertificateArn: edgeContext.apiCertificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
      ],
    });
    const [mappingId, mapping] = only(templates.root, 'AWS::ApiGatewayV2::ApiMapping');
    const [apiId] = only(templates.root, 'AWS::ApiGatewayV2::Api');
    const [stageId] = only(templates.root, 'AWS::ApiGatewayV2::Stage');
    expect(mapping).toEqual({ ApiId: { Ref: apiId }, DomainName: { Ref: domainId }, Stage: '$default' });
    // The stage is named, not referenced, so the mapping must wait for it explicitly.
    expect([templates.root.resources[mappingId]!.DependsOn].flat()).toContain(stageId);
  });

  it('mails links on the public domain and reports it as the API URL', () => {
    const urls = publicBaseUrls(templates);
    expect(urls.length).toBeGreaterThan(0);
    expect(new Set(urls)).toEqual(new Set([`https://${edgeContext.publicDomainName}`]));
    expect(templates.root.json.Outputs!.ApiUrl!.Value).toBe(`https://${edgeContext.publicDomainName}`);
  });

  it('serves the public domain over TLS 1.2_2021 with HTTPS only, forwarding to the API custom domain', () => {
    const [, distribution] = only(edgeTemplate, 'AWS::CloudFront::Distribution');
    const config = distribution.DistributionConfig;
    expect(config.Aliases).toEqual([edgeContext.publicDomainName]);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: edgeContext.publicCertificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    const [apiOrigin, consoleOrigin] = config.Origins;
    expect(config.Origins).toEqual([
      expect.objectContaining({
        DomainName: edgeContext.apiDomainName,
        CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
      }),
      // The console's bucket (issue 18, test/infra/console-site.test.ts), and nothing else.
      expect.objectContaining({ OriginAccessControlId: expect.anything() }),
    ]);
    // The console is the one other behavior; the API is the default, so every other path goes to it.
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({ PathPattern: '/console/*', TargetOriginId: consoleOrigin.Id }),
    ]);
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(apiOrigin.Id);
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      // Forwards Authorization (allowed with caching disabled), and every header but Host.
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
    });
  });

  it('adds security headers, no-referrer because decision-link URLs carry a token', () => {
    const [headersId, headers] = byId(edgeTemplate, 'AWS::CloudFront::ResponseHeadersPolicy', 'SecurityHeaders');
    const [, distribution] = only(edgeTemplate, 'AWS::CloudFront::Distribution');
    expect(distribution.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: headersId });
    expect(headers.ResponseHeadersPolicyConfig.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY' },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
    });
  });

  it('associates a CLOUDFRONT-scope web ACL with the distribution', () => {
    const [aclId, acl] = only(edgeTemplate, 'AWS::WAFv2::WebACL');
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    const [, distribution] = only(edgeTemplate, 'AWS::CloudFront::Distribution');
    expect(distribution.DistributionConfig.WebACLId).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
  });

  it('evaluates the reputation list, the public-route rate, the overall rate, then the managed rules', () => {
    expect(rules.map((entry) => [entry.Priority, entry.Name])).toEqual([
      [0, 'AWSManagedRulesAmazonIpReputationList'],
      [1, 'PublicRoutesPerIp'],
      [2, 'AllRoutesPerIp'],
      [3, 'AWSManagedRulesKnownBadInputsRuleSet'],
      [4, 'AWSManagedRulesCommonRuleSet'],
    ]);
    for (const name of managedRuleGroups) {
      expect(rule(name).Statement.ManagedRuleGroupStatement).toMatchObject({ VendorName: 'AWS', Name: name });
      expect(rule(name).OverrideAction).toEqual({ None: {} });
    }
    expect(rule('AWSManagedRulesCommonRuleSet').Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual(
      countedCoreRules.map((name) => ({ Name: name, ActionToUse: { Count: {} } })),
    );
  });

  it('limits every client IP overall, below the stage throttle, answering 429 with Retry-After', () => {
    const overall = rule('AllRoutesPerIp');
    expect(overall.Statement.RateBasedStatement).toEqual({
      AggregateKeyType: 'IP',
      Limit: webAclRateLimits.overall.limit,
      EvaluationWindowSec: webAclRateLimits.overall.windowSeconds,
    });
    expect(webAclRateLimits.overall.limit / webAclRateLimits.overall.windowSeconds).toBeLessThan(50);
    expect(overall.Action).toEqual({
      Block: { CustomResponse: { ResponseCode: 429, ResponseHeaders: [{ Name: 'retry-after', Value: '60' }] } },
    });
  });

  it('limits each IP far more tightly on the public routes, the decision-link pages among them', () => {
    const prefixes = publicPathPrefixes(routeList());
    expect(prefixes).toContain('/approvals/');
    const statement = rule('PublicRoutesPerIp').Statement.RateBasedStatement;
    expect(statement).toMatchObject({
      AggregateKeyType: 'IP',
      Limit: webAclRateLimits.publicRoutes.limit,
      EvaluationWindowSec: webAclRateLimits.publicRoutes.windowSeconds,
    });
    expect(webAclRateLimits.publicRoutes.limit).toBeLessThan(webAclRateLimits.overall.limit);
    const matched = statement.ScopeDownStatement.OrStatement.Statements.map((entry: any) => entry.ByteMatchStatement);
    expect(matched.map((entry: any) => entry.SearchString)).toEqual(prefixes);
    for (const entry of matched) {
      expect(entry).toMatchObject({ FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH' });
    }
    // Only public routes: no JWT or SCIM route falls under the tight limit.
    for (const route of routeList().filter((entry) => entry.auth !== 'public'))
      expect(
        prefixes.some((prefix) => route.path.startsWith(prefix)),
        route.path,
      ).toBe(false);
  });

  it('publishes metrics per rule but keeps no unredacted samples', () => {
    for (const entry of rules)
      expect(entry.VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: false });
  });

  it('logs blocked and counted requests only, with Authorization and the query string redacted', () => {
    const [aclId] = only(edgeTemplate, 'AWS::WAFv2::WebACL');
    const [, logging] = only(edgeTemplate, 'AWS::WAFv2::LoggingConfiguration');
    expect(logging.ResourceArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    expect(JSON.stringify(logging.LogDestinationConfigs)).toContain(':log-group:aws-waf-logs-OfficialAccountsEdge"');
    expect(logging.RedactedFields).toEqual([{ SingleHeader: { Name: 'authorization' } }, { QueryString: {} }]);
    expect(logging.LoggingFilter).toEqual({
      DefaultBehavior: 'DROP',
      Filters: [
        {
          Behavior: 'KEEP',
          Requirement: 'MEETS_ANY',
          Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
        },
      ],
    });
    const [, group] = byId(edgeTemplate, 'AWS::Logs::LogGroup', 'WafLog');
    expect(group).toMatchObject({ LogGroupName: 'aws-waf-logs-OfficialAccountsEdge', RetentionInDays: 365 });
    expect(group.KmsKeyId).toBeDefined();
  });

  it("delivers the distribution's access logs to an encrypted bucket, without the query string", () => {
    const [distributionId] = only(edgeTemplate, 'AWS::CloudFront::Distribution');
    const [bucketId, bucket] = byId(edgeTemplate, 'AWS::S3::Bucket', 'AccessLogs');
    const [, source] = only(edgeTemplate, 'AWS::Logs::DeliverySource');
    const [, destination] = only(edgeTemplate, 'AWS::Logs::DeliveryDestination');
    const [, delivery] = only(edgeTemplate, 'AWS::Logs::Delivery');
    expect(source.LogType).toBe('ACCESS_LOGS');
    expect(JSON.stringify(source.ResourceArn)).toContain(`"Ref":"${distributionId}"`);
    expect(destination.DestinationResourceArn).toEqual({ 'Fn::GetAtt': [bucketId, 'Arn'] });
    expect(delivery.RecordFields).toEqual([...accessLogFields]);
    expect(delivery.RecordFields).not.toContain('cs-uri-query');
    expect(delivery.RecordFields).not.toContain('cs(Cookie)');
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toMatchObject({
      SSEAlgorithm: 'aws:kms',
    });
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });
});

describe('a demonstration without the edge context', () => {
  it('keeps the execute-api endpoint, mails the stage URL, and warns loudly', () => {
    const app = createApp({ context: { ...base, ...complete, deploy: 'true', demo: 'true' } });
    expect(app.edge).toBeUndefined();
    const templates = new AppTemplates(app.stack);
    const [, api] = only(templates.root, 'AWS::ApiGatewayV2::Api');
    expect(api.DisableExecuteApiEndpoint).toBe(false);
    expect(resourcesOf(templates.root, 'AWS::ApiGatewayV2::DomainName')).toHaveLength(0);
    expect(JSON.stringify(publicBaseUrls(templates))).toContain('execute-api');
    Annotations.fromStack(app.stack).hasWarning(
      '/OfficialAccounts',
      Match.stringLikeRegexp('DEMONSTRATION WITHOUT AN EDGE.*execute-api endpoint stays open'),
    );
  });
});

describe('edge guardrails', () => {
  it('refuses to deploy without the edge unless it is a demonstration', () => {
    expect(() => createApp({ context: { ...base, ...complete, deploy: 'true' } })).toThrow(
      /Refusing to deploy without apiDomainName, apiCertificateArn, publicDomainName, publicCertificateArn/,
    );
  });

  it('takes the four edge keys together or not at all', () => {
    const { publicCertificateArn: _omitted, ...partial } = edgeContext;
    expect(() => createApp({ context: { ...base, ...complete, ...partial } })).toThrow(
      /go together; missing publicCertificateArn/,
    );
  });

  it('refuses a CloudFront certificate outside us-east-1', () => {
    const publicCertificateArn = edgeContext.publicCertificateArn.replace('us-east-1', 'us-east-2');
    expect(() => createApp({ context: { ...base, ...complete, ...edgeContext, publicCertificateArn } })).toThrow(
      /"publicCertificateArn" must be in us-east-1/,
    );
  });

  it('refuses the same name for the origin and the public domain', () => {
    const apiDomainName = edgeContext.publicDomainName;
    expect(() => createApp({ context: { ...base, ...complete, ...edgeContext, apiDomainName } })).toThrow(
      /must differ/,
    );
  });

  it('synthesizes offline with placeholders for the edge, and says so', () => {
    const app = createApp({ context: base });
    expect(app.edge?.region).toBe('us-east-1');
    Annotations.fromStack(app.edge!).hasWarning(
      '/OfficialAccountsEdge',
      Match.stringLikeRegexp('offline placeholders for apiDomainName'),
    );
  });
});
