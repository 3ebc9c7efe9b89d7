/**
 * The console in AWS (issue 18): its built assets in a private S3 bucket, served by the edge's
 * CloudFront distribution under `/console/*` through origin access control, on the same origin as the
 * API so the browser calls the API without CORS, with the console's strict Content-Security-Policy.
 *
 * The script is built at synth by console/build.ts, the same build the local runtime serves, and
 * config.json is written from the deployment's context (issuer and public client id; never a secret).
 * Nothing is committed: the asset directory lives in the cloud assembly (cdk.out).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib';
import {
  type BehaviorOptions,
  CachePolicy,
  CacheQueryStringBehavior,
  CacheHeaderBehavior,
  CacheCookieBehavior,
  type Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  AllowedMethods,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { bundleConsoleSync, type ConsoleConfig, consoleContentSecurityPolicy, uswdsDist } from '../../console/build.ts';
import { acknowledge, resourceFinding } from '../nag.ts';

/** The path the console answers on, as the local runtime serves it and as e-mails link to it. */
export const consolePathPattern = '/console/*';

/** The bucket's prefix: CloudFront sends `/console/main.js` to the origin as the key `console/main.js`. */
export const consoleKeyPrefix = 'console/';

/**
 * The viewer-request function of the console's behavior only: a path whose last segment has no
 * extension is a page of the single-page console and answers index.html, which routes on its own
 * location. Not a distribution-wide error mapping, which would turn the API's 403s and 404s into the
 * page too. cloudfront-js-2.0; the query string (the sign-in callback's code) is not touched.
 */
export const consoleRewriteSource = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/console/index.html';
  return request;
}`;

/** USWDS dist folders the console does not serve (sources and per-component bundles). */
const uswdsExcluded = ['scss/*', 'theme/*', 'components/*'];

export interface ConsoleSiteProps {
  distribution: Distribution;
  config: ConsoleConfig;
  /** The edge's key for logs, which CloudWatch Logs may use for this account's log groups. */
  logsKey: IKey;
}

/** The console's bucket, its deployments and the distribution's `/console/*` behavior. */
export class ConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly headers: ResponseHeadersPolicy;
  readonly rewrite: CloudFrontFunction;
  /** Where the built console and its config.json were written for the deployment to upload. */
  readonly assetDirectory: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    const { distribution, config } = props;

    this.bucket = new Bucket(this, 'Bucket', {
      // SSE-S3, not KMS: see the consoleBucketEncryption acknowledgment.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      // A deploy overwrites the files; earlier builds stay a month to roll back by hand, then go.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.bucket, 'consoleBucketLogging');
    acknowledge(this.bucket, 'consoleBucketReplication');
    acknowledge(this.bucket, 'consoleBucketEncryption');

    this.headers = new ResponseHeadersPolicy(this, 'Headers', {
      responseHeadersPolicyName: `${distribution.stack.stackName}-console-headers`,
      comment: 'The console: strict CSP (script-src self, no inline, no eval, no framing), HSTS, nosniff, no referrer.',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleContentSecurityPolicy(config.issuer), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      removeHeaders: ['server'],
    });

    this.rewrite = new CloudFrontFunction(this, 'Rewrite', {
      comment: 'Console pages answer index.html; files pass through.',
      code: FunctionCode.fromInline(consoleRewriteSource),
      runtime: FunctionRuntime.JS_2_0,
    });

    // The objects' Cache-Control decides: the app's files are revalidated on every load, so a deploy needs no
    // invalidation (nor the permission for it); USWDS's are kept a day, as the local runtime sends them.
    const cachePolicy = new CachePolicy(this, 'Cache', {
      cachePolicyName: `${distribution.stack.stackName}-console`,
      comment: "The console's files: by their Cache-Control; no query string, header or cookie in the key.",
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.days(1),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const behavior: BehaviorOptions = {
      origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      cachePolicy,
      responseHeadersPolicy: this.headers,
      compress: true,
      functionAssociations: [{ function: this.rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
    };
    distribution.addBehavior(consolePathPattern, behavior.origin, behavior);

    // The deployment function's log, encrypted and kept a year like every other log of the app.
    const logGroup = new LogGroup(this, 'DeploymentLog', {
      encryptionKey: props.logsKey,
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Its own role instead of the default one with AWSLambdaBasicExecutionRole (logs on every group).
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: "Uploads the console's built assets to its bucket at each deployment",
    });
    logGroup.grantWrite(role);
    this.assetDirectory = this.#writeBuild(config);
    const uswds = new BucketDeployment(this, 'Uswds', {
      sources: [Source.asset(uswdsDist, { exclude: uswdsExcluded })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${consoleKeyPrefix}uswds/`,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(1))],
      memoryLimit: 512,
      logGroup,
      role,
    });
    const app = new BucketDeployment(this, 'App', {
      sources: [Source.asset(this.assetDirectory)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: consoleKeyPrefix,
      // Pruning spares what the USWDS deployment owns.
      exclude: ['uswds/*'],
      cacheControl: [CacheControl.noCache()],
      memoryLimit: 512,
      logGroup,
      role,
    });
    acknowledgeDeployment(this, [uswds, app]);
  }

  /** The built console and its config in the cloud assembly, as the asset the deployment uploads. */
  #writeBuild(config: ConsoleConfig): string {
    const { js, css, html } = bundleConsoleSync();
    const directory = join(Stage.of(this)!.outdir, 'console-site', this.node.addr);
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'index.html'), html);
    writeFileSync(join(directory, 'main.js'), js);
    writeFileSync(join(directory, 'console.css'), css);
    writeFileSync(join(directory, 'config.json'), JSON.stringify({ issuer: config.issuer, clientId: config.clientId }));
    return directory;
  }
}

/** The IAM wildcards aws-cdk-lib's grants give the deployment function, each acknowledged by itself. */
export const deploymentWildcards = [
  'Action::s3:GetBucket*',
  'Action::s3:GetObject*',
  'Action::s3:List*',
  'Action::s3:Abort*',
  'Action::s3:DeleteObject*',
] as const;

/** The deployment's singleton function lives at the stack's root; its findings are acknowledged there, one by one. */
function acknowledgeDeployment(site: ConsoleSite, deployments: BucketDeployment[]): void {
  const stack = Stack.of(site);
  const handlers = stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (handlers.length !== 1 || deployments.length === 0) throw new Error('Expected one bucket-deployment function.');
  const handler = handlers[0]!;
  acknowledge(handler, 'deploymentInvocation');
  acknowledge(handler, 'deploymentConcurrency');
  acknowledge(handler, 'deploymentOutsideVpc');
  acknowledge(handler, 'deploymentRuntime');
  acknowledge(handler, 'deploymentTracing');
  const role = site.node.findChild('DeploymentRole');
  acknowledge(role, 'deploymentInlinePolicy');
  for (const finding of deploymentWildcards) acknowledge(role, 'deploymentWildcards', finding);
  acknowledge(role, 'deploymentObjects', resourceFinding(site, `${site.bucket.bucketArn}/*`));
  acknowledge(role, 'deploymentAssets', 'Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-us-east-1/*');
}
