/**
 * cdk-nag for this app: the four packs, run as CDK validation plugins so that any unacknowledged
 * finding, warning or error, fails synth; and the catalogue of acknowledgments (rule, reason,
 * where) that the constructs apply to single resources and docs/nag-acknowledgments.md is
 * generated from: `node infra/nag.ts > docs/nag-acknowledgments.md`.
 */
import {
  Stack,
  Validations,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, ServerlessChecks, type NagPack } from 'cdk-nag';
// The function cdk-nag names IAM findings with, so an acknowledgment matches its finding by construction.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/** The packs synth runs, verbose so a failure explains the rule as well as naming it. */
export const nagPacks = (): NagPack[] => [
  new AwsSolutionsChecks(undefined, { verbose: true }),
  new ServerlessChecks(undefined, { verbose: true }),
  new NIST80053R5Checks(undefined, { verbose: true }),
  new HIPAASecurityChecks(undefined, { verbose: true }),
];

/**
 * A pack whose warnings are errors. cdk-nag reports some rules as warnings; CDK fails synth on an
 * unsuccessful report, but re-judges a report on its errors alone as soon as it suppresses one of
 * its findings itself (an acknowledgment written `Pack::Rule`, as the CLI suggests), which would let
 * the report's remaining warnings pass. Promoting them keeps every unacknowledged finding fatal.
 */
export class StrictPlugin implements IPolicyValidationPlugin {
  readonly name: string;
  readonly version?: string;
  readonly ruleIds?: string[];
  readonly #pack: IPolicyValidationPlugin;

  constructor(pack: IPolicyValidationPlugin) {
    this.#pack = pack;
    this.name = pack.name;
    if (pack.version !== undefined) this.version = pack.version;
    if (pack.ruleIds !== undefined) this.ruleIds = pack.ruleIds;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = this.#pack.validate(context);
    return {
      ...report,
      success: report.violations.length === 0,
      violations: report.violations.map((violation) => ({ ...violation, severity: 'error' })),
    };
  }
}

/** Registers the packs on the app; synth then fails on any finding not acknowledged below. */
export function applyNagPacks(app: IConstruct): void {
  Validations.of(app).addPlugins(...nagPacks().map((pack) => new StrictPlugin(pack)));
}

export interface AcknowledgmentEntry {
  title: string;
  /** Rule ids, one per pack that raises the same finding. */
  rules: readonly string[];
  /** For rules with one finding per resource or action (IAM4, IAM5): which one, as cdk-nag prints it. */
  finding?: string;
  /** Where the code applies it, for the document. */
  appliedTo: string;
  reason: string;
}

/** Every finding this app accepts, and why. Constructs apply them by key to single resources. */
export const acknowledgments = {
  lambdaSynchronousInvocation: {
    title: 'Functions have no dead-letter queue',
    rules: ['Serverless-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ', 'HIPAA.Security-LambdaDLQ'],
    appliedTo: 'Each Lambda function (infra/lambda-defaults.ts).',
    reason:
      'Every function is invoked synchronously: by the HTTP API, by a Step Functions task that waits for the ' +
      'response (infra/constructs/workflows.ts rejects a task with InvocationType Event), or, for the rotation ' +
      'function of shared/triggers.ts, by Secrets Manager, which invokes a rotation function synchronously and ' +
      'retries the whole rotation when a step fails. A dead-letter queue only ever receives failed asynchronous ' +
      'invocations, so it would stay empty; failures go back to the caller instead (a 5xx from the API, the ' +
      'Retry/Catch of the workflow, a failed rotation that Secrets Manager records and retries) and each ' +
      'function has an Errors alarm. The exceptions are the scheduled jobs (shared/schedules.ts), which ' +
      'EventBridge Scheduler invokes asynchronously: a dead-lettered event would only ask for a run the ' +
      'schedule makes anyway, because each job works from state kept in DynamoDB (the disposal job from its ' +
      "watermark, mail redelivery from its outbox), so after Scheduler's own retries " +
      '(infra/constructs/schedules.ts) a failed run is made up by the next one, and its Errors alarm tells ' +
      'operations. The mail-feedback trigger (shared/triggers.ts) is invoked asynchronously by its EventBridge ' +
      'rule, whose target retries for a day (see the EventBridge acknowledgment below).',
  },
  mailFeedbackRuleTarget: {
    title: 'The SES feedback rule has no dead-letter queue',
    rules: ['Serverless-EventBusDLQ'],
    appliedTo: 'The mail-feedback rule (infra/constructs/email.ts).',
    reason:
      'EventBridge retries a failed invocation of the mail-feedback function for 24 hours (185 attempts); the ' +
      'function is idempotent per SES feedback id and alarms on every error, and an event still undelivered ' +
      "after that raises the rule's FailedInvocations alarm (Mail-FeedbackUndelivered). Nothing is lost for " +
      'good: SES keeps a bounced or complaining address on the account suppression list, so the next message ' +
      'to that person bounces again (Suppressed) and publishes a new event. A queue would add a second store ' +
      'of e-mail addresses to encrypt, watch and drain, for events SES regenerates.',
  },
  lambdaConcurrency: {
    title: 'Functions have no reserved concurrency',
    rules: ['NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaConcurrency'],
    appliedTo: 'Each Lambda function (infra/lambda-defaults.ts).',
    reason:
      "Reserved concurrency is carved out of the account's shared pool and cannot be deployed at all in an " +
      'account that still has the new-account limit of 10. Load is bounded before it reaches the functions ' +
      'instead: the API stage throttles every route (infra/constructs/api.ts), workflows are started only by ' +
      'functions behind it or by the rotation of a credential secret (at most one open rotation per account), ' +
      'the scheduled jobs run a few times an hour at most, and an alarm watches Lambda throttles across the account.',
  },
  lambdaOutsideVpc: {
    title: 'Functions run outside a VPC',
    rules: ['NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC'],
    appliedTo: 'Each Lambda function (infra/lambda-defaults.ts).',
    reason:
      'The functions reach nothing but AWS service APIs (DynamoDB, Secrets Manager, Step Functions, SES, ' +
      'X-Ray), always over TLS and authorized by IAM; there is no database, cache or host in a private network ' +
      'to protect. A VPC would add NAT gateways or an interface endpoint per service and Availability Zone, ' +
      'plus ENI set-up, without changing who can reach the data: IAM and the KMS key policies decide that ' +
      'either way.',
  },
  functionTelemetry: {
    title: 'X-Ray tracing needs Resource "*" (functions)',
    rules: ['AwsSolutions-IAM5'],
    finding: 'Resource::*',
    appliedTo: 'The telemetry policy every function role shares (infra/lambda-defaults.ts).',
    reason:
      'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so "*" is the ' +
      'only resource AWS accepts. The policy holds these two actions and nothing else.',
  },
  taskTokenCallback: {
    title: 'Task-token callbacks need Resource "*"',
    rules: ['AwsSolutions-IAM5'],
    finding: 'Resource::*',
    appliedTo: "The policy of each function whose access declares a workflow 'callback' (infra/constructs/access.ts).",
    reason:
      'states:SendTaskSuccess, states:SendTaskFailure and states:SendTaskHeartbeat support no resource-level ' +
      'permissions: the task token identifies the execution, and AWS requires Resource "*" for these actions. ' +
      'The wildcard statement holds these three actions only.',
  },
  credentialSecrets: {
    title: 'Credential secrets are granted by name prefix',
    rules: ['AwsSolutions-IAM5'],
    finding:
      'Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:' +
      'official-accounts/accounts/*',
    appliedTo:
      "The policy of each function whose access declares 'credentials-read', 'credentials-write', " +
      "'credentials-create' or 'credentials-rotate' (infra/constructs/access.ts).",
    reason:
      'Functions create one credential secret per official account at runtime, so no secret ARN exists at ' +
      "deploy time (and Secrets Manager appends a random suffix to each). The pattern stops at this app's name " +
      'prefix. Every statement also requires the official-accounts:account tag on the secret (or in the request ' +
      'that creates it), but only its presence, not its value: it keeps out a secret under the prefix that was ' +
      'created without it, and does not bind a function to one account. Each function holds only the actions ' +
      "of the kinds it declares (reading a value is 'credentials-read' alone), creating a secret requires the " +
      "credentials key, rotating one requires this app's rotation function, and that key only works through " +
      'Secrets Manager for secrets under the same prefix.',
  },
  passwordGeneration: {
    title: 'Generating a password needs Resource "*"',
    rules: ['AwsSolutions-IAM5'],
    finding: 'Resource::*',
    appliedTo:
      'The policy of each Secrets Manager rotation function, a trigger of shared/triggers.ts invoked by ' +
      'secretsmanager.amazonaws.com (infra/constructs/access.ts).',
    reason:
      'secretsmanager:GetRandomPassword acts on no secret and supports no resource-level permissions, so AWS ' +
      'accepts only Resource "*" for it, as in the execution-role policy the Secrets Manager user guide gives ' +
      'for rotation functions. The wildcard statement holds this one action; it returns random characters and ' +
      'reads or changes nothing.',
  },
  workflowExecutions: {
    title: "A workflow's executions are granted by pattern",
    rules: ['AwsSolutions-IAM5'],
    finding: 'Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<stack>-<workflow>:*',
    appliedTo:
      "The policy of each function whose access declares 'read' or 'redrive' on a workflow " +
      '(infra/constructs/access.ts).',
    reason:
      'Execution ARNs are minted when an execution starts, so none exists at deploy time; the pattern covers ' +
      "the executions of the one state machine the function declares 'read' on, for states:DescribeExecution " +
      "and states:GetExecutionHistory only, or 'redrive' on, for states:RedriveExecution only.",
  },
  auditDigestObjects: {
    title: 'The audit digests are granted by their key prefix',
    rules: ['AwsSolutions-IAM5'],
    finding: 'Resource::arn:<AWS::Partition>:s3:::<stack>-audit-digests-<AWS::AccountId>-<AWS::Region>/digests/*',
    appliedTo:
      "The policy of each function whose access declares 'auditDigests' (the seal job writes; records " +
      'exports read) (infra/constructs/access.ts).',
    reason:
      'A digest is written each day per chain whose head moved, under a key named by its chain and entry ' +
      'number, so no object ARN exists at deploy time; the pattern stops at the digests/ prefix of the one ' +
      'bucket. The writer gets s3:PutObject and s3:PutObjectRetention only (no delete, no governance bypass), and ' +
      "the bucket's compliance-mode Object Lock refuses any delete or shortened retention whatever a policy allows.",
  },
  stateMachineTelemetry: {
    title: 'Workflow logging and tracing need Resource "*"',
    rules: ['AwsSolutions-IAM5'],
    finding: 'Resource::*',
    appliedTo: "Each state machine role's policy (infra/constructs/workflows.ts).",
    reason:
      'Step Functions delivers execution logs through the CloudWatch Logs vended-log APIs ' +
      '(logs:CreateLogDelivery and the rest) and traces through X-Ray; none of these actions supports ' +
      "resource-level permissions, as the Step Functions developer guide documents. The same policy's " +
      "lambda:InvokeFunction names the task functions' exact ARNs.",
  },
  publicRoute: {
    title: 'Public routes have no authorizer',
    rules: ['AwsSolutions-APIG4'],
    appliedTo: "Each route declared auth: 'public' in shared/routes/ (infra/constructs/api.ts).",
    reason:
      'Public by design: liveness, the OpenAPI description and the decision pages (GET and POST ' +
      '/approvals/{approvalId}), which approvers open from an e-mailed link without an identity-provider ' +
      'session. Those pages authenticate the link itself: an opaque id plus a 256-bit bearer token, stored only ' +
      'as a SHA-256 hash (shared/services/decision-links.ts, shared/domain/ids.ts), issued for one decision and ' +
      'mailed to one person, used once, and expiring when the request or suggestion it decides does (a ' +
      'lifetime each policy profile sets). Whoever holds the link can use it (a forwarded link works for ' +
      "whoever receives it); opening it changes nothing, only the form's POST decides. Every other route " +
      'requires the JWT authorizer.',
  },
  scimRoute: {
    title: 'SCIM routes have no API Gateway authorizer',
    rules: ['AwsSolutions-APIG4'],
    appliedTo: "Each route declared auth: 'scim' in shared/routes/ (infra/constructs/api.ts).",
    reason:
      "The identity provider's provisioning client presents a long-lived bearer secret, not a JWT, so the JWT " +
      'authorizer cannot check it. The function checks it before anything else (shared/http/scim-handler.ts): ' +
      'a SHA-256 comparison in constant time with the value in Secrets Manager, which only the SCIM functions ' +
      'may read, and every refusal is a 401 that touches nothing.',
  },
  hmacKeyRotation: {
    title: 'The HMAC key secret has no rotation schedule',
    rules: [
      'AwsSolutions-SMG4',
      'NIST.800.53.R5-SecretsManagerRotationEnabled',
      'HIPAA.Security-SecretsManagerRotationEnabled',
    ],
    appliedTo: 'The HMAC key secret (infra/constructs/secrets.ts).',
    reason:
      'Every value already keyed with the HMAC key (the stored password fingerprints) can no longer be compared ' +
      'once the key changes, so rotating it is a deliberate operator action (for example on suspected ' +
      'exposure), not a timer. The value is generated by Secrets Manager, never output, encrypted with its own ' +
      'customer-managed key, and readable only by functions that declare hmac-key (those that make or compare ' +
      'fingerprints; sealing mail uses its own key).',
  },
  mailSealingKeyRotation: {
    title: 'The mail sealing key secret has no rotation schedule',
    rules: [
      'AwsSolutions-SMG4',
      'NIST.800.53.R5-SecretsManagerRotationEnabled',
      'HIPAA.Security-SecretsManagerRotationEnabled',
    ],
    appliedTo: 'The mail sealing key secret (infra/constructs/secrets.ts).',
    reason:
      'Mail waiting in the dead-letter queue is sealed under a key derived from this secret (shared/adapters/' +
      'sealed.ts); a rotation would leave every queued message impossible to open, so rotating it is a ' +
      'deliberate operator action taken with the queue empty, not a timer. The value is generated by Secrets ' +
      'Manager, never output, encrypted with a customer-managed key, and readable only by functions that send ' +
      'mail (infra/constructs/access.ts).',
  },
  scimTokenRotation: {
    title: 'The SCIM bearer secret has no rotation schedule',
    rules: [
      'AwsSolutions-SMG4',
      'NIST.800.53.R5-SecretsManagerRotationEnabled',
      'HIPAA.Security-SecretsManagerRotationEnabled',
    ],
    appliedTo: 'The SCIM bearer secret (infra/constructs/secrets.ts).',
    reason:
      'The identity provider holds a copy of this token in its provisioning configuration, so a rotation is ' +
      'a coordinated operator action (put a new value, paste it into the identity provider; the SCIM functions ' +
      'pick it up within five minutes), not a timer that would silently stop provisioning. Generated by ' +
      'Secrets Manager, never output, and readable only by the functions that declare scim-token.',
  },
  backupServiceRole: {
    title: "AWS Backup's role uses the AWS-managed backup policy",
    rules: ['AwsSolutions-IAM4'],
    finding: 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
    appliedTo: 'The backup selection role (infra/constructs/backup.ts).',
    reason:
      "AWSBackupServiceRolePolicyForBackup is the policy AWS publishes for AWS Backup's own service role and " +
      'updates as the service changes; only backup.amazonaws.com can assume the role, and the backup selection ' +
      "limits it to this stack's tables.",
  },
  alarmEmailRedrive: {
    title: 'The alarm e-mail subscription has no redrive queue',
    rules: ['Serverless-SNSRedrivePolicy'],
    appliedTo: "The alarm topic's e-mail subscription (infra/constructs/monitoring.ts).",
    reason:
      'The subscription delivers alarm notifications to people by e-mail. A notification that cannot be ' +
      'delivered would sit in a queue nobody reads; the alarm itself stays in ALARM in CloudWatch, visible in ' +
      'the console, until the condition clears.',
  },
  edgeGeoRestriction: {
    title: 'The CloudFront distribution has no geographic restriction',
    rules: ['AwsSolutions-CFR1'],
    appliedTo: 'The distribution in front of the API (infra/edge-stack.ts).',
    reason:
      'Approvers open e-mailed decision links wherever they are, staff travel, and a hosted identity ' +
      "provider provisions (SCIM) from its own cloud's addresses, so a country allow-list would refuse real " +
      'callers, and it would not stop a flood from inside an allowed country. Floods are met instead by the ' +
      'AWS WAF web ACL on the distribution (infra/constructs/web-acl.ts): per-IP rate limits, a tighter one on ' +
      "the public routes, and Amazon's IP reputation list, and behind it by the API's per-route throttles.",
  },
  edgeStandardLogging: {
    title: "The distribution's access logs use log delivery, not the legacy logging property",
    rules: ['AwsSolutions-CFR3'],
    appliedTo: 'The distribution in front of the API (infra/edge-stack.ts).',
    reason:
      "The rule looks only at the distribution's legacy Logging property, whose logs always include the query " +
      "string, and a decision link carries its bearer token there. The distribution's access logs are on: " +
      'CloudWatch Logs log delivery (standard logging v2: a delivery source, destination and delivery in ' +
      'infra/edge-stack.ts) writes them to a KMS-encrypted, versioned S3 bucket, with every standard field ' +
      'except cs-uri-query and cs(Cookie).',
  },
  edgeAccessLogBucket: {
    title: 'The access-log bucket has no server access logs of its own',
    rules: ['AwsSolutions-S1', 'NIST.800.53.R5-S3BucketLoggingEnabled', 'HIPAA.Security-S3BucketLoggingEnabled'],
    appliedTo: "The bucket of the distribution's access logs (infra/edge-stack.ts).",
    reason:
      'The bucket is itself a log destination: its server access logs would need another bucket, whose own ' +
      'would need a third. Only log delivery writes to it, under a bucket policy limited to this account and ' +
      "its delivery sources; it blocks public access, refuses requests without TLS, is encrypted with the edge's " +
      'customer-managed key and versioned, so an overwritten or deleted log stays recoverable for 30 days.',
  },
  edgeAccessLogReplication: {
    title: 'The access-log bucket is not replicated to another region',
    rules: ['NIST.800.53.R5-S3BucketReplicationEnabled', 'HIPAA.Security-S3BucketReplicationEnabled'],
    appliedTo: "The bucket of the distribution's access logs (infra/edge-stack.ts).",
    reason:
      'The CloudFront access logs are a diagnostic record of edge traffic (what was answered, to which ' +
      'address, how fast); they hold no decision and no personal record of the application. The evidence ' +
      'that matters (requests, decisions, who made them) is in the DynamoDB tables, with point-in-time ' +
      "recovery and AWS Backup, and in the application's log groups. S3 already keeps each object across " +
      'several Availability Zones of the region; replication would add a second bucket, key and role in ' +
      'another region for logs that expire after a year.',
  },
  consoleBucketLogging: {
    title: "The console's bucket has no S3 server access logs",
    rules: ['AwsSolutions-S1', 'NIST.800.53.R5-S3BucketLoggingEnabled', 'HIPAA.Security-S3BucketLoggingEnabled'],
    appliedTo: "The bucket of the console's assets (infra/constructs/console-site.ts).",
    reason:
      'Every read reaches the bucket through the distribution: its policy lets in only CloudFront with origin ' +
      'access control on this distribution, and the distribution logs each request (path, status, address, ' +
      'time) to the edge access-log bucket. The only writer is the deployment custom resource during a ' +
      'CloudFormation deployment, which CloudTrail records as the stack update. Server access logs cannot go ' +
      'to the KMS-encrypted access-log bucket (S3 delivers them only to SSE-S3 buckets). The objects are the ' +
      "console's public code and config (issuer, client id), no record of anyone.",
  },
  consoleBucketReplication: {
    title: "The console's bucket is not replicated to another region",
    rules: ['NIST.800.53.R5-S3BucketReplicationEnabled', 'HIPAA.Security-S3BucketReplicationEnabled'],
    appliedTo: "The bucket of the console's assets (infra/constructs/console-site.ts).",
    reason:
      'The objects are build output: every deployment rebuilds them from the repository and the USWDS ' +
      'package and uploads them again, so a copy in another region would add nothing a redeploy does not. ' +
      'They hold no data; the bucket is versioned, so an overwritten build is recoverable for 30 days.',
  },
  consoleBucketEncryption: {
    title: "The console's bucket is encrypted with S3-managed keys, not KMS",
    rules: ['NIST.800.53.R5-S3DefaultEncryptionKMS', 'HIPAA.Security-S3DefaultEncryptionKMS'],
    appliedTo: "The bucket of the console's assets (infra/constructs/console-site.ts).",
    reason:
      "The objects are the console's public code and config, served to anyone who opens the site, so a " +
      'customer-managed key protects nothing a reader of the site does not already get. With SSE-KMS, origin ' +
      "access control needs the key's policy to trust CloudFront, and aws-cdk-lib can only write that for " +
      'every distribution of the account (the key, bucket and distribution would otherwise depend on each ' +
      'other). SSE-S3 leaves the bucket policy, limited to this one distribution, as the only gate; objects ' +
      'are still encrypted at rest (AES-256) and every request must use TLS.',
  },
  deploymentInvocation: {
    title: 'The console deployment function has no dead-letter queue',
    rules: ['Serverless-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ', 'HIPAA.Security-LambdaDLQ'],
    appliedTo: "The function that uploads the console's assets (aws-s3-deployment, infra/constructs/console-site.ts).",
    reason:
      'CloudFormation invokes it through the custom resource of each BucketDeployment and waits for its answer: ' +
      'a failure fails that resource, so the stack update fails and rolls back and the error is in the stack ' +
      'events and the function log. No event is left behind to dead-letter.',
  },
  deploymentConcurrency: {
    title: 'The console deployment function has no reserved concurrency',
    rules: ['NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaConcurrency'],
    appliedTo: "The function that uploads the console's assets (aws-s3-deployment, infra/constructs/console-site.ts).",
    reason:
      'It runs only when CloudFormation creates, updates or deletes one of the two console deployments: at ' +
      "most two invocations per stack operation. Reserving concurrency would take from the account's shared " +
      'pool, which cannot be done at all in an account with the new-account limit of 10.',
  },
  deploymentOutsideVpc: {
    title: 'The console deployment function runs outside a VPC',
    rules: ['NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC'],
    appliedTo: "The function that uploads the console's assets (aws-s3-deployment, infra/constructs/console-site.ts).",
    reason:
      "It copies build output from the CDK asset bucket to the console's bucket over S3's API, with TLS and " +
      'IAM; it reaches no database or host in a private network and no data of the application. A VPC would ' +
      'need an S3 endpoint or NAT and would not change who can reach the buckets: IAM and the bucket policies ' +
      'decide that.',
  },
  deploymentRuntime: {
    title: "The console deployment function's runtime is aws-cdk-lib's",
    rules: ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'],
    appliedTo: "The function that uploads the console's assets (aws-s3-deployment, infra/constructs/console-site.ts).",
    reason:
      'The function is the BucketDeployment handler shipped with aws-cdk-lib: Python code with the AWS CLI in ' +
      'a layer, on the Python runtime that version of the library chooses. The runtime cannot be changed ' +
      "without replacing the library's code; it moves forward when aws-cdk-lib is upgraded. It runs only " +
      'during deployments and handles no request or personal data.',
  },
  deploymentTracing: {
    title: 'The console deployment function is not traced with X-Ray',
    rules: ['Serverless-LambdaTracing'],
    appliedTo: "The function that uploads the console's assets (aws-s3-deployment, infra/constructs/console-site.ts).",
    reason:
      'It is a deployment step, not part of any request path: one S3 copy per stack operation, whose outcome ' +
      'CloudFormation reports and whose output goes to its KMS-encrypted log group (kept a year). A trace ' +
      'would show one call to S3.',
  },
  deploymentInlinePolicy: {
    title: 'The console deployment role has an inline policy',
    rules: ['NIST.800.53.R5-IAMNoInlinePolicy', 'HIPAA.Security-IAMNoInlinePolicy'],
    appliedTo: "The role of the function that uploads the console's assets (infra/constructs/console-site.ts).",
    reason:
      'The policy is generated by aws-cdk-lib for this one role: read the CDK asset bucket, read and write ' +
      "the console's bucket, write its own log group. It lives and dies with the role; a " +
      'managed policy would let other roles attach the same rights, which is what least privilege avoids.',
  },
  deploymentWildcards: {
    title: "The console deployment role's S3 actions use aws-cdk-lib's wildcards",
    rules: ['AwsSolutions-IAM5'],
    finding: 'Action::<s3:GetBucket*, s3:GetObject*, s3:List*, s3:Abort*, s3:DeleteObject*>',
    appliedTo: "The role of the function that uploads the console's assets (infra/constructs/console-site.ts).",
    reason:
      "They come from aws-cdk-lib's grants (read on the asset bucket, read and write on the console bucket) " +
      'and cover what a sync with pruning does: list, get, put, delete and abort uploads of objects and ' +
      'their versions. Each is limited to the two buckets and their objects; none reaches another resource.',
  },
  deploymentObjects: {
    title: "The console deployment role writes every object of the console's bucket",
    rules: ['AwsSolutions-IAM5'],
    finding: 'Resource::<ConsoleBucket.Arn>/*',
    appliedTo: "The role of the function that uploads the console's assets (infra/constructs/console-site.ts).",
    reason:
      'The deployment replaces the whole console (script, stylesheet, page, config, USWDS assets) and prunes ' +
      'what a new build no longer has, so it needs every key of the bucket, which holds nothing else.',
  },
  auditDigestBucketLogging: {
    title: "The audit digests' bucket has no S3 server access logs",
    rules: ['AwsSolutions-S1', 'NIST.800.53.R5-S3BucketLoggingEnabled', 'HIPAA.Security-S3BucketLoggingEnabled'],
    appliedTo: "The bucket of the audit chains' signed digests (infra/constructs/audit-digests.ts).",
    reason:
      "The bucket holds only signed statements of the audit chains' heads, written once a day by the seal job " +
      'under Object Lock in compliance mode: no one can delete or overwrite a digest before its retention ends, ' +
      'and a version or delete marker put over one is found and named by npm run verify-audit, which reads ' +
      'every version. Who reads them (the verifier, records exports) is already in the audit trail itself. ' +
      'Server access logs could only go to a second, SSE-S3 bucket (S3 delivers them to no KMS-encrypted one), ' +
      'which would need its own logs in turn, and would prove nothing the signatures and the lock do not.',
  },
  auditDigestBucketReplication: {
    title: "The audit digests' bucket is not replicated to another region",
    rules: ['NIST.800.53.R5-S3BucketReplicationEnabled', 'HIPAA.Security-S3BucketReplicationEnabled'],
    appliedTo: "The bucket of the audit chains' signed digests (infra/constructs/audit-digests.ts).",
    reason:
      'S3 keeps every object across several Availability Zones of the region, and the lock keeps each digest ' +
      'from deletion for the retention period. The digests are evidence about the audit trail, whose entries ' +
      'are in DynamoDB with point-in-time recovery and AWS Backup; each newer digest covers the whole chain ' +
      'before it, so any one surviving digest still proves every entry up to its head. Replication would need ' +
      'a second locked bucket, key and role in another region, each with the same retention, for a few ' +
      'kilobytes a day.',
  },
  deploymentAssets: {
    title: 'The console deployment role reads the CDK asset bucket',
    rules: ['AwsSolutions-IAM5'],
    finding: 'Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-us-east-1/*',
    appliedTo: "The role of the function that uploads the console's assets (infra/constructs/console-site.ts).",
    reason:
      'The built console is uploaded by `cdk deploy` as a zip asset to the bootstrap asset bucket, under a ' +
      "key named by its hash that changes at every build; aws-cdk-lib grants read on the bucket's objects " +
      'for that reason. Read only, that bucket only.',
  },
} as const satisfies Record<string, AcknowledgmentEntry>;

export type AcknowledgmentKey = keyof typeof acknowledgments;

/** A Resource:: finding for `resource` (an ARN, possibly tokens) exactly as cdk-nag prints it. */
export const resourceFinding = (scope: IConstruct, resource: string): string =>
  `Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}`;

/**
 * Acknowledges the entry's rules on `scope` and its children only. Entries for per-finding rules
 * need the finding, which must equal the entry's unless the entry shows a pattern (`<…>`).
 */
export function acknowledge(scope: IConstruct, key: AcknowledgmentKey, finding?: string): void {
  const entry: AcknowledgmentEntry = acknowledgments[key];
  if ((entry.finding === undefined) !== (finding === undefined)) {
    throw new Error(`Acknowledgment ${key} ${entry.finding ? 'needs' : 'takes no'} a finding.`);
  }
  for (const rule of entry.rules) {
    Validations.of(scope).acknowledge({ id: finding ? `${rule}[${finding}]` : rule, reason: entry.reason });
  }
}

/** docs/nag-acknowledgments.md, rendered from the catalogue. */
export function renderAcknowledgments(): string {
  const sections = Object.values(acknowledgments as Record<string, AcknowledgmentEntry>).map((entry) =>
    [
      `## ${entry.title}`,
      '',
      `- Rules: ${entry.rules.map((rule) => `\`${rule}\``).join(', ')}`,
      ...(entry.finding ? [`- Finding: \`${entry.finding}\``] : []),
      `- Applied to: ${entry.appliedTo}`,
      '',
      entry.reason,
      '',
    ].join('\n'),
  );
  return [
    '# cdk-nag acknowledgments',
    '',
    '<!-- Generated from infra/nag.ts by `node infra/nag.ts > docs/nag-acknowledgments.md`; ' +
      'test/infra/stack.test.ts fails when they differ. -->',
    '',
    '`npm run synth` runs the AwsSolutions, Serverless, NIST 800-53 rev 5 and HIPAA Security packs of cdk-nag ' +
      'and fails on any finding, warnings included, that is not listed here.',
    'Each acknowledgment is applied to the single resource it concerns (never to the stack), and IAM wildcard ' +
      'findings are acknowledged one finding at a time.',
    '',
    ...sections,
  ].join('\n');
}

if (import.meta.main) process.stdout.write(renderAcknowledgments());
