/**
 * Log groups, made one way: encrypted with the logs key, kept a year and retained when the stack
 * goes, because function, workflow and access logs are part of the audit evidence (CT-10).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** How long every log group keeps events; long enough to reconstruct a year of approvals. */
export const logRetention = RetentionDays.ONE_YEAR;

/** A log group with the retention, key and removal policy every log in this app shares. */
export function encryptedLogGroup(
  scope: Construct,
  id: string,
  props: { logGroupName: string; encryptionKey: IKey },
): LogGroup {
  return new LogGroup(scope, id, {
    logGroupName: props.logGroupName,
    encryptionKey: props.encryptionKey,
    retention: logRetention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
