/**
 * Customer-managed KMS keys, one per kind of data, so that a grant on one (say, the tables) never
 * opens another (the account credentials). All rotate yearly and outlive the stack: deleting a
 * key makes every backup, log and secret it encrypted unreadable.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';

/** What a log service (CloudWatch Logs, log delivery) needs of a key to write encrypted logs with it. */
export const logServiceKeyActions = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
] as const;
import { Construct } from 'constructs';

/** The app's keys by purpose. */
export class Keys extends Construct {
  /** DynamoDB tables. */
  readonly data: Key;
  /** The HMAC key secret. */
  readonly secrets: Key;
  /** Account credential secrets that functions create at runtime (CREDENTIALS_KMS_KEY_ID). */
  readonly credentials: Key;
  /** Every CloudWatch Logs log group. */
  readonly logs: Key;
  /** The alarm topic. */
  readonly notifications: Key;
  /** The AWS Backup vault, kept apart from `data` so losing one key never loses both copies. */
  readonly backups: Key;
  /**
   * Signs the audit chains' digests (issue 21.2): asymmetric, so verifiers need only the public key. AWS
   * does not rotate asymmetric keys; a new key is a new key id, which each digest names.
   */
  readonly auditSigning: Key;
  /** The audit digests' bucket (SSE-KMS), apart from the tables' key like every other kind of data. */
  readonly auditDigests: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    const key = (name: string, description: string) =>
      new Key(this, name, {
        description: `${stackName}: ${description}`,
        alias: `${stackName}/${name.toLowerCase()}`,
        enableKeyRotation: true,
        pendingWindow: Duration.days(30),
        removalPolicy: RemovalPolicy.RETAIN,
      });

    this.data = key('Data', 'DynamoDB tables');
    this.secrets = key('Secrets', 'HMAC key secret');
    this.credentials = key('Credentials', 'official account credential secrets');
    this.logs = key('Logs', 'CloudWatch Logs log groups');
    this.notifications = key('Notifications', 'alarm topic');
    this.backups = key('Backups', 'AWS Backup vault');
    this.auditDigests = key('AuditDigests', 'audit digest bucket');
    this.auditSigning = new Key(this, 'AuditSigning', {
      description: `${stackName}: signs the audit chains' digests (ECDSA P-256)`,
      alias: `${stackName}/audit-digests`,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // CloudWatch Logs encrypts with the key itself; the context condition keeps it to this account's log groups.
    this.logs.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: [...logServiceKeyActions],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn':
              `arn:${Aws.PARTITION}:logs:${Aws.REGION}:` + `${Aws.ACCOUNT_ID}:log-group:*`,
          },
        },
      }),
    );
    // CloudWatch alarms publish to the encrypted topic, so the service needs a data key from this account only.
    this.notifications.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
  }
}
