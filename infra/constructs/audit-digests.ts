/**
 * Where the audit chains' signed digests are kept (issue 21.2): an S3 bucket with Object Lock in
 * compliance mode, so each digest, once written, can be neither deleted nor overwritten in place by
 * anyone, the account's root user included, until the profile's audit retention (CT-06) has passed.
 * The seal job writes each digest once with that retention; the bucket's default retention is the same,
 * so an object put by any other means is locked too.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

export interface AuditDigestStoreProps {
  encryptionKey: IKey;
  /** The deployment profile's audit retention (`retention.auditRecordDays`). */
  retentionDays: number;
}

/** The digest bucket. */
export class AuditDigestStore extends Construct {
  readonly bucket: Bucket;
  /**
   * Fixed from the stack's name, account and region, as function names are (infra/lambda-defaults.ts), so
   * the functions' nested stacks name it with pseudo parameters alone: no cross-stack reference, and an IAM
   * pattern (`…/digests/*`) that reads the same in every stack.
   */
  readonly bucketName: string;
  readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: AuditDigestStoreProps) {
    super(scope, id);
    this.bucketName = `${Stack.of(this).stackName.toLowerCase()}-audit-digests-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    this.bucketArn = `arn:${Aws.PARTITION}:s3:::${this.bucketName}`;
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      encryption: BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Object Lock needs versioning; CloudFormation cannot turn either off again.
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.bucket, 'auditDigestBucketLogging');
    acknowledge(this.bucket, 'auditDigestBucketReplication');
  }
}
