/**
 * The AWS WAF web ACL in front of the API (issue 16.8). An HTTP API cannot take a web ACL itself, so
 * this one (scope CLOUDFRONT, hence created in us-east-1) sits on the CloudFront distribution of
 * infra/edge-stack.ts. In order: the Amazon IP reputation list, a tight per-IP rate on the routes no
 * JWT authorizer guards before their function runs (the public decision-link pages), an overall
 * per-IP rate, then the known-bad-inputs and core managed rule groups. Only blocked and counted
 * requests are logged, with the Authorization header and the query string (which carries a decision
 * link's token) redacted.
 */
import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/routes/index.ts';
import { encryptedLogGroup } from './logs.ts';

/**
 * Requests one client IP may make in `windowSeconds` before WAF answers 429 for the rest of the window.
 * `overall` stays below the stage's 50 requests/s (infra/constructs/api.ts) so one address cannot take
 * all of it, yet above what a whole agency behind one NAT address makes (a handful a second).
 * `publicRoutes` is for the decision-link pages: an approver opens a link and posts its form once.
 */
export const webAclRateLimits = {
  overall: { limit: 1200, windowSeconds: 60 },
  publicRoutes: { limit: 60, windowSeconds: 60 },
} as const;

/** The managed rule groups, in evaluation order after the rate rules. */
export const managedRuleGroups = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesCommonRuleSet',
] as const;

/**
 * Rules of the core rule set that only count: SizeRestrictions_BODY blocks bodies over 8 KB, which a
 * SCIM group update listing many members or a long post suggestion legitimately reaches; the
 * functions validate and bound every body themselves (zod schemas).
 */
export const countedCoreRules = ['SizeRestrictions_BODY'] as const;

/**
 * The path prefixes of the routes declared `auth: 'public'`: a route's path up to its first
 * parameter (`/approvals/`), or the whole path when it has none (`/health`).
 */
export function publicPathPrefixes(routes: readonly RouteDefinition[]): string[] {
  const prefixes = routes.filter((route) => route.auth === 'public').map((route) => route.path.split('{')[0]!);
  return [...new Set(prefixes)].sort();
}

/** The name of the log group WAF writes to; WAF accepts only names starting `aws-waf-logs-`. */
export const webAclLogGroupName = (stackName: string) => `aws-waf-logs-${stackName}`;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  // Sampled requests show every header and the query string unredacted (bearer tokens, link tokens).
  sampledRequestsEnabled: false,
});

/** A 429 with Retry-After instead of WAF's default 403, so clients back off rather than give up. */
const tooManyRequests = (windowSeconds: number): CfnWebACL.RuleActionProperty => ({
  block: {
    customResponse: {
      responseCode: 429,
      responseHeaders: [{ name: 'retry-after', value: String(windowSeconds) }],
    },
  },
});

const pathStartsWith = (prefix: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    // The path as API Gateway matches it, so `/%61pprovals/` counts as `/approvals/`.
    textTransformations: [{ priority: 0, type: 'URL_DECODE' }],
  },
});

export interface WebAclProps {
  /** The route table (shared/routes/): the public routes' paths scope the tighter rate rule. */
  routes: readonly RouteDefinition[];
  /** Encrypts the WAF log group; its policy must admit CloudWatch Logs in us-east-1. */
  logsKey: IKey;
}

/** The web ACL and its logging; `arn` goes on the distribution. */
export class WebAcl extends Construct {
  readonly webAcl: CfnWebACL;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const prefixes = publicPathPrefixes(props.routes);
    if (prefixes.length === 0) throw new Error('No public route to scope the public rate rule to.');
    const scopeDown =
      prefixes.length === 1
        ? pathStartsWith(prefixes[0]!)
        : { orStatement: { statements: prefixes.map(pathStartsWith) } };
    const { overall, publicRoutes } = webAclRateLimits;
    const managed = (name: (typeof managedRuleGroups)[number], priority: number): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(name === 'AWSManagedRulesCommonRuleSet'
            ? { ruleActionOverrides: countedCoreRules.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${stack.stackName}-api`,
      description: 'Rate limits and managed rules in front of the official-accounts HTTP API, issue 16.8.',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${stack.stackName}-api`),
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        {
          name: 'PublicRoutesPerIp',
          priority: 1,
          action: tooManyRequests(publicRoutes.windowSeconds),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: publicRoutes.limit,
              evaluationWindowSec: publicRoutes.windowSeconds,
              scopeDownStatement: scopeDown,
            },
          },
          visibilityConfig: visibility('PublicRoutesPerIp'),
        },
        {
          name: 'AllRoutesPerIp',
          priority: 2,
          action: tooManyRequests(overall.windowSeconds),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: overall.limit,
              evaluationWindowSec: overall.windowSeconds,
            },
          },
          visibilityConfig: visibility('AllRoutesPerIp'),
        },
        managed('AWSManagedRulesKnownBadInputsRuleSet', 3),
        managed('AWSManagedRulesCommonRuleSet', 4),
      ],
    });
    this.arn = this.webAcl.attrArn;

    const logGroupName = webAclLogGroupName(stack.stackName);
    const logGroup = encryptedLogGroup(this, 'Logs', { logGroupName, encryptionKey: props.logsKey });
    // WAF delivers through CloudWatch Logs' log delivery service, limited to this account's sources.
    logGroup.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('delivery.logs.amazonaws.com')],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroup.logGroupArn}`],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'logs', resource: '*' }) },
        },
      }),
    );
    const logging = new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF takes the log group's ARN without the `:*` that CloudFormation's Arn attribute ends with.
      logDestinationConfigs: [
        Arn.format(
          {
            service: 'logs',
            resource: 'log-group',
            resourceName: logGroupName,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          },
          stack,
        ),
      ],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { queryString: {} }],
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });
    logging.node.addDependency(logGroup);
  }
}
