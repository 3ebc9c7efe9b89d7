/**
 * The system as one deployed stack: keys, tables, secrets, e-mail, the API and its functions,
 * workflows, backups and alarms, each from its construct in infra/constructs/, all generated from
 * the single sources of truth in shared/ (routes, tables, workflows, schedules, triggers).
 *
 * CloudFormation allows 500 resources per template, so the stack is split into nested stacks
 * that grow with what they hold, never all together:
 * - root (this stack): what everything shares and what must never be replaced by a refactor:
 *   KMS keys, tables, the HMAC key secret, the SES identity, the HTTP API with its stage and
 *   authorizer, backups, the alarm topic, the X-Ray policy every function role shares, the
 *   schedules, and the outputs;
 * - one nested stack per capability (the first segment of a handler module: `credentials`,
 *   `approvals`, …; infra/constructs/functions.ts): its functions with roles, policies, log groups
 *   and alarms, and the API routes they serve;
 * - Workflows (infra/constructs/workflows.ts): the state machines with their roles, log groups and
 *   alarms;
 * - Monitoring/Operations (infra/constructs/monitoring.ts): the API and dead-letter-queue alarms
 *   and the dashboard.
 * Functions and state machines keep fixed names from this stack's name (infra/lambda-defaults.ts),
 * so moving one between nested stacks never renames it, and ARNs built from names (state machines,
 * the rotation function) cross stacks without a dependency.
 */
import { AuditDigestStore } from './constructs/audit-digests.ts';
import { AuditFeed } from './constructs/audit-feed.ts';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { profileOf } from '../shared/policy/index.ts';
import { routeList } from '../shared/routes/index.ts';
import { schedules, type ScheduleDefinition } from '../shared/schedules.ts';
import { tables, type TableKey } from '../shared/tables.ts';
import { triggers } from '../shared/triggers.ts';
import { workflows, type WorkflowDefinition, type WorkflowKey } from '../shared/workflows.ts';
import { Api } from './constructs/api.ts';
import { Backups } from './constructs/backup.ts';
import { Data } from './constructs/data.ts';
import { Email } from './constructs/email.ts';
import { Functions, functionSpecs } from './constructs/functions.ts';
import { Keys } from './constructs/keys.ts';
import { Monitoring, MonitoringStack } from './constructs/monitoring.ts';
import { Schedules } from './constructs/schedules.ts';
import { Secrets } from './constructs/secrets.ts';
import { functionArnFor } from './lambda-defaults.ts';
import { executionArnPatternOf, stateMachineArnOf } from './constructs/state-machine-names.ts';
import { Workflows } from './constructs/workflows.ts';
import { CognitoIdentity } from './constructs/identity.ts';

/** What differs between deployments (infra/app.ts reads it from context). */
export interface DeploymentInputs {
  /** Policy profile ids joined by `+` (`tn-dcs`, `nj-dcf+ct-dcf`). */
  profile: string;
  oidcIssuer: string;
  oidcAudience: readonly string[];
  /** The token claim naming the caller (`sub` by default; `oid` for Entra ID). */
  identityClaim?: string;
  senderAddress: string;
  alarmEmail: string;
  /** Base of the links in e-mails; the API's own URL when absent. */
  publicBaseUrl?: string;
  /**
   * The API's custom domain that CloudFront forwards to (infra/edge-stack.ts); given, the default
   * execute-api endpoint is disabled (issue 16.8).
   */
  apiDomain?: { name: string; certificateArn: string };
  /** `cognito`: a user pool in this stack is the issuer, for an agency without its own provider. */
  identityProvider?: 'cognito';
  /** With cognito: where the console receives the authorization code. */
  consoleCallbackUrls?: readonly string[];
  /** With cognito: the hosted UI's domain prefix. */
  cognitoDomainPrefix?: string;
}

export interface OfficialAccountsStackProps extends StackProps {
  deployment: DeploymentInputs;
  /** The workflow catalogue: shared/workflows.ts unless a test brings a fixture. */
  workflows?: Record<string, WorkflowDefinition>;
}

const mapValues = <K extends string, V, R>(record: Record<K, V>, fn: (value: V) => R): Record<K, R> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value as V)])) as Record<K, R>;

/** The official-accounts system. */
export class OfficialAccountsStack extends Stack {
  readonly api: Api;
  /** The Cognito user pool, when this deployment brings its own identity provider. */
  readonly identity: CognitoIdentity | undefined;
  readonly functions: Functions;
  readonly workflows: Workflows;
  readonly monitoring: Monitoring;
  readonly monitoringStack: MonitoringStack;

  constructor(scope: Construct, id: string, props: OfficialAccountsStackProps) {
    super(scope, id, props);
    const { deployment } = props;
    const catalogue = props.workflows ?? (workflows as Record<string, WorkflowDefinition>);

    const keys = new Keys(this, 'Keys');
    const data = new Data(this, 'Data', { encryptionKey: keys.data });
    new AuditFeed(this, 'AuditFeed', { table: data.tables.audit, tableKey: keys.data });
    const digests = new AuditDigestStore(this, 'AuditDigests', {
      encryptionKey: keys.auditDigests,
      retentionDays: profileOf(deployment.profile.split('+')).retention.auditRecordDays,
    });
    const secrets = new Secrets(this, 'Secrets', {
      hmacKeyEncryptionKey: keys.secrets,
      credentialsKey: keys.credentials,
    });
    // From the fixed function names, so a function may configure the trigger it is not.
    const triggerArns = mapValues(triggers, (trigger) => functionArnFor(this, trigger.module));
    const email = new Email(this, 'Email', {
      senderAddress: deployment.senderAddress,
      feedbackFunctionArn: triggerArns.mailFeedback,
    });
    this.identity =
      deployment.identityProvider === 'cognito'
        ? new CognitoIdentity(this, 'Identity', {
            callbackUrls: deployment.consoleCallbackUrls ?? [],
            ...(deployment.cognitoDomainPrefix ? { domainPrefix: deployment.cognitoDomainPrefix } : {}),
          })
        : undefined;
    this.api = new Api(this, 'Api', {
      oidcIssuer: this.identity?.issuer ?? deployment.oidcIssuer,
      oidcAudience: this.identity?.audience ?? deployment.oidcAudience,
      logsKey: keys.logs,
      ...(deployment.apiDomain ? { domain: deployment.apiDomain } : {}),
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      alarmEmail: deployment.alarmEmail,
      encryptionKey: keys.notifications,
    });

    const machineArns = mapValues(catalogue, (workflow) => ({
      stateMachineArn: stateMachineArnOf(this, workflow),
      executionArnPattern: executionArnPatternOf(this, workflow),
    }));
    this.functions = new Functions(this, 'Functions', {
      specs: functionSpecs(routeList(), catalogue),
      environment: {
        profile: deployment.profile,
        publicBaseUrl: deployment.publicBaseUrl ?? this.api.url,
        senderAddress: deployment.senderAddress,
        mailConfigurationSet: email.configurationSetName,
        tableNames: mapValues(data.tables, (table) => table.tableName),
        stateMachineArns: mapValues(machineArns, (machine) => machine.stateMachineArn) as Record<WorkflowKey, string>,
        triggerArns,
        hmacKeySecretId: secrets.hmacKey.secretArn,
        mailSealingKeySecretId: secrets.mailSealingKey.secretArn,
        ...(deployment.identityClaim ? { identityClaim: deployment.identityClaim } : {}),
        scimTokenSecretId: secrets.scimToken.secretArn,
        auditSigningKeyId: keys.auditSigning.keyArn,
        auditDigestBucket: digests.bucketName,
      },
      access: {
        tables: data.tables,
        tablesKey: keys.data,
        hmacKey: secrets.hmacKey,
        mailSealingKey: secrets.mailSealingKey,
        hmacKeyEncryptionKey: keys.secrets,
        scimToken: secrets.scimToken,
        credentialsKey: keys.credentials,
        credentialsSecretArnPattern: secrets.credentialsSecretArnPattern,
        workflows: machineArns,
        email: {
          senderAddress: email.senderAddress,
          identityArn: email.identityArn,
          configurationSetArn: email.configurationSetArn,
        },
        rotationFunctionArn: triggerArns.rotateSecret,
        auditSigningKey: keys.auditSigning,
        auditDigests: { bucketArn: digests.bucketArn, key: keys.auditDigests },
      },
      logsKey: keys.logs,
      credentialsKey: keys.credentials,
      monitoring: this.monitoring,
      // Secrets Manager invokes the rotation function for the credential secrets only.
      triggerSourceArns: {
        'secretsmanager.amazonaws.com': secrets.credentialsSecretArnPattern,
        // EventBridge invokes the mail-feedback function for its one rule only (issue 19.1).
        'events.amazonaws.com': email.feedbackRuleArn,
      },
    });
    const lambdas = new Map([...this.functions.byModule].map(([module, fn]) => [module, fn.function]));
    for (const route of routeList()) {
      const fn = this.functions.byModule.get(route.handler)!;
      this.api.addRoute(this.functions.stackOf(route.handler), route, fn.function, fn.node.id);
    }
    this.workflows = new Workflows(this, 'Workflows', {
      description:
        `${this.stackName} workflows: the state machines of shared/workflows.ts with their roles, log groups and ` +
        'alarms.',
      catalogue,
      functions: lambdas,
      logsKey: keys.logs,
      monitoring: this.monitoring,
    });
    new Schedules(this, 'Schedules', {
      catalogue: schedules as Record<string, ScheduleDefinition>,
      functions: lambdas,
    });
    new Backups(this, 'Backups', { tables: Object.values(data.tables), encryptionKey: keys.backups });
    this.monitoringStack = new MonitoringStack(this.monitoring, 'Operations', {
      description: `${this.stackName} monitoring: the API and mail dead-letter-queue alarms and the operations dashboard.`,
      monitoring: this.monitoring,
      httpApi: this.api.httpApi,
      workflows: catalogue,
      mailFeedbackRuleName: email.feedbackRuleName,
    });

    new CfnOutput(this, 'ApiUrl', {
      value: deployment.apiDomain && deployment.publicBaseUrl ? deployment.publicBaseUrl : this.api.url,
      description: deployment.apiDomain
        ? 'Base URL of the API for callers (CloudFront); the execute-api endpoint is disabled.'
        : 'Base URL of the HTTP API ($default stage).',
    });
    if (this.api.domainName) {
      new CfnOutput(this, 'ApiDomainTarget', {
        value: this.api.domainName.regionalDomainName,
        description: `Point ${deployment.apiDomain!.name}, CloudFront's origin, here (CNAME or Route 53 alias).`,
      });
    }
    for (const [key, table] of Object.entries(data.tables) as Array<[TableKey, (typeof data.tables)[TableKey]]>) {
      new CfnOutput(this, `${tables[key].logicalId}TableName`, {
        value: table.tableName,
        description: `${tables[key].envVar}: ${tables[key].purpose}`,
      });
    }
    for (const [key, machine] of Object.entries(this.workflows.machines)) {
      new CfnOutput(this, `${catalogue[key]!.name}StateMachineArn`, {
        value: machine.stateMachineArn,
        description: `${catalogue[key]!.envVar}`,
      });
    }
    new CfnOutput(this, 'HmacKeySecretArn', {
      value: secrets.hmacKey.secretArn,
      description: 'HMAC_KEY_SECRET_ID (the value is never output).',
    });
    new CfnOutput(this, 'MailSealingKeySecretArn', {
      value: secrets.mailSealingKey.secretArn,
      description: 'MAIL_SEALING_KEY_SECRET_ID (the value is never output).',
    });
    new CfnOutput(this, 'CredentialsKmsKeyArn', {
      value: keys.credentials.keyArn,
      description: 'CREDENTIALS_KMS_KEY_ID: the key of every official-accounts/accounts/* secret.',
    });
    new CfnOutput(this, 'AuditSigningKeyArn', {
      value: keys.auditSigning.keyArn,
      description: 'AUDIT_SIGNING_KEY_ID: signs the audit digests; npm run verify-audit reads its public key.',
    });
    new CfnOutput(this, 'AuditDigestBucketName', {
      value: digests.bucket.bucketName,
      description: 'AUDIT_DIGEST_BUCKET: the signed audit digests, Object Lock in compliance mode (issue 21.2).',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.monitoring.topic.topicArn,
      description: `Alarms, e-mailed to ${deployment.alarmEmail} once the subscription is confirmed.`,
    });
    new CfnOutput(this, 'SenderNote', {
      value:
        `Mail is sent from ${email.senderAddress} through the SES domain identity ${email.domain}. The address ` +
        'needs no mailbox: SES verifies the domain once the three DKIM CNAME records below are published in its ' +
        'DNS. Until the account leaves the SES sandbox, recipients must be verified identities too.',
    });
    new CfnOutput(this, 'DashboardName', {
      value: this.monitoringStack.dashboard.dashboardName,
      description: 'The operations dashboard in CloudWatch.',
    });
    email.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `SenderDkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: `DKIM record ${index + 1} of 3 for ${email.domain}.`,
      });
    });
  }
}
