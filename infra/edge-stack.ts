/**
 * The edge in front of the HTTP API (issue 16.8): a CloudFront distribution on the agency's public
 * domain with the WAF web ACL of infra/constructs/web-acl.ts, forwarding everything to the API's
 * regional custom domain, whose default execute-api endpoint is disabled (infra/constructs/api.ts).
 * The console (issue 18) is served by the same distribution under `/console/*` from a private S3
 * bucket (infra/constructs/console-site.ts); the API stays the default behavior.
 *
 * CloudFront takes web ACLs and certificates from us-east-1 only, so this is a stack of its own
 * pinned there, whatever region the application stack goes to. The two are tied by names the
 * deployment gives (`apiDomainName`, `publicDomainName`), never by a CloudFormation reference, so
 * no cross-region reference (with its SSM parameters and custom-resource function) is needed and
 * both still synthesize offline.
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { OriginProtocolPolicy, OriginSslPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnDelivery, CfnDeliveryDestination, CfnDeliverySource } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../shared/routes/index.ts';
import type { ConsoleConfig } from '../console/build.ts';
import { ConsoleSite } from './constructs/console-site.ts';
import { WebAcl } from './constructs/web-acl.ts';
import { logServiceKeyActions } from './constructs/keys.ts';
import { acknowledge } from './nag.ts';

/** The names and certificates that tie the edge to the API; infra/app.ts reads them from context. */
export interface EdgeInputs {
  /** The API's regional custom domain, CloudFront's origin (`api-origin.dcf.agency.gov`). */
  apiDomainName: string;
  /** ACM certificate for apiDomainName, in the application stack's region. */
  apiCertificateArn: string;
  /** The domain people and clients use, CloudFront's alias (`accounts.dcf.agency.gov`). */
  publicDomainName: string;
  /** ACM certificate for publicDomainName, in us-east-1 (the only region CloudFront reads). */
  publicCertificateArn: string;
}

/** The only region CloudFront takes a web ACL or a certificate from. */
export const edgeRegion = 'us-east-1';

/**
 * Access-log fields delivered to the bucket: CloudFront's standard fields less `cs-uri-query`, which
 * carries a decision link's token, and `cs(Cookie)`. The path (`/approvals/{approvalId}`) names
 * the link but is not its secret.
 */
export const accessLogFields = [
  'date',
  'time',
  'x-edge-location',
  'sc-bytes',
  'c-ip',
  'cs-method',
  'cs(Host)',
  'cs-uri-stem',
  'sc-status',
  'cs(Referer)',
  'cs(User-Agent)',
  'x-edge-result-type',
  'x-edge-request-id',
  'x-host-header',
  'cs-protocol',
  'cs-bytes',
  'time-taken',
  'x-forwarded-for',
  'ssl-protocol',
  'ssl-cipher',
  'x-edge-response-result-type',
  'cs-protocol-version',
  'c-port',
  'time-to-first-byte',
  'x-edge-detailed-result-type',
  'sc-content-type',
  'sc-content-len',
] as const;

/** How long the access logs are kept: a year, like every other log of the app (infra/constructs/logs.ts). */
const accessLogDays = 365;

export interface EdgeStackProps extends StackProps {
  edge: EdgeInputs;
  routes: readonly RouteDefinition[];
  /** The console's run-time config (issuer, public client id), served as `/console/config.json`. */
  console: ConsoleConfig;
}

/** CloudFront, WAF and their logs, in us-east-1. */
export class EdgeStack extends Stack {
  readonly distribution: Distribution;
  readonly webAcl: WebAcl;
  readonly accessLogs: Bucket;
  readonly console: ConsoleSite;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: edgeRegion } });
    const { edge } = props;

    const logsKey = new Key(this, 'LogsKey', {
      description: `${this.stackName}: WAF and CloudFront access logs`,
      alias: `${this.stackName}/logs`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts the WAF log group with the key, for this account's log groups only.
    logsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${edgeRegion}.amazonaws.com`)],
        actions: [...logServiceKeyActions],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn':
              `arn:${Aws.PARTITION}:logs:${edgeRegion}:` + `${Aws.ACCOUNT_ID}:log-group:*`,
          },
        },
      }),
    );
    // Log delivery writes CloudFront's access logs into the bucket encrypted with the key.
    logsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('delivery.logs.amazonaws.com')],
        actions: [...logServiceKeyActions],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:logs:${edgeRegion}:${Aws.ACCOUNT_ID}:delivery-source:*` },
        },
      }),
    );

    this.webAcl = new WebAcl(this, 'Waf', { routes: props.routes, logsKey });

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.KMS,
      encryptionKey: logsKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(accessLogDays), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.accessLogs, 'edgeAccessLogBucket');
    acknowledge(this.accessLogs, 'edgeAccessLogReplication');
    this.accessLogs.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('delivery.logs.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.accessLogs.arnForObjects(`AWSLogs/${Aws.ACCOUNT_ID}/*`)],
        conditions: {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:logs:${edgeRegion}:${Aws.ACCOUNT_ID}:delivery-source:*` },
        },
      }),
    );

    // Security headers on every answer, including WAF's and CloudFront's own; the API's win where it sets them.
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `${this.stackName}-security-headers`,
      comment: 'HSTS, nosniff, no framing, no referrer (decision-link URLs carry a token).',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: false },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: false },
      },
      removeHeaders: ['server'],
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${this.stackName}: the official-accounts API behind AWS WAF`,
      domainNames: [edge.publicDomainName],
      certificate: Certificate.fromCertificateArn(this, 'Certificate', edge.publicCertificateArn),
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      sslSupportMethod: SSLMethod.SNI,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      webAclId: this.webAcl.arn,
      defaultBehavior: {
        origin: new HttpOrigin(edge.apiDomainName, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        }),
        allowedMethods: AllowedMethods.ALLOW_ALL,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        // Nothing is cached: every answer depends on the caller or on state that changes.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // With caching disabled this managed policy forwards Authorization too; a custom policy may not
        // name it. Host is left out so the origin sees its own custom domain and matches its mapping.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: headers,
        // CloudFront compresses only what a caching policy normalises Accept-Encoding for; not here.
        compress: false,
      },
    });
    acknowledge(this.distribution, 'edgeGeoRestriction');
    // The console on the same origin under /console/ (issue 18); the API stays the default behavior.
    this.console = new ConsoleSite(this, 'Console', {
      distribution: this.distribution,
      config: props.console,
      logsKey,
    });
    acknowledge(this.distribution, 'edgeStandardLogging');

    // Standard logging v2 (CloudWatch Logs delivery), which lets the query string be left out.
    const source = new CfnDeliverySource(this, 'AccessLogSource', {
      name: `${this.stackName}-cloudfront`,
      logType: 'ACCESS_LOGS',
      resourceArn: this.distribution.distributionArn,
    });
    const destination = new CfnDeliveryDestination(this, 'AccessLogDestination', {
      name: `${this.stackName}-cloudfront-s3`,
      destinationResourceArn: this.accessLogs.bucketArn,
      outputFormat: 'w3c',
    });
    const delivery = new CfnDelivery(this, 'AccessLogDelivery', {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.attrArn,
      recordFields: [...accessLogFields],
    });
    delivery.node.addDependency(source, this.accessLogs);

    new CfnOutput(this, 'PublicUrl', {
      value: `https://${edge.publicDomainName}/`,
      description: 'Base URL of the API for people and clients, and of the links in e-mails.',
    });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.distribution.distributionDomainName,
      description: `Point ${edge.publicDomainName} here (CNAME, or an alias record in Route 53).`,
    });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.arn, description: 'The WAF web ACL on the distribution.' });
  }
}
