/**
 * The rotation events Secrets Manager logs to CloudTrail as service events (not API calls), in the
 * form EventBridge delivers them: source `aws.secretsmanager`, detail-type "AWS Service Event via
 * CloudTrail", the CloudTrail record as `detail`, the secret's ARN in `additionalEventData.SecretId`.
 * Event names: https://docs.aws.amazon.com/secretsmanager/latest/userguide/cloudtrail_log_entries.html
 * Matching them: https://docs.aws.amazon.com/secretsmanager/latest/userguide/monitoring-eventbridge.html
 * Record fields: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/non-api-aws-service-events.html
 */
import { randomUUID } from 'node:crypto';

/** The rotation events this stand-in emits; RotationAbandoned is not emulated (docs/secrets-manager-rotation.md). */
export type RotationEventName = 'RotationStarted' | 'RotationSucceeded' | 'RotationFailed';

/** One event as an EventBridge rule on the default bus would receive it. */
export interface SecretsManagerEvent {
  version: '0';
  id: string;
  'detail-type': 'AWS Service Event via CloudTrail';
  source: 'aws.secretsmanager';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    eventVersion: string;
    userIdentity: { accountId: string; invokedBy: string };
    eventTime: string;
    eventSource: 'secretsmanager.amazonaws.com';
    eventName: RotationEventName;
    awsRegion: string;
    sourceIPAddress: string;
    userAgent: string;
    requestParameters: null;
    responseElements: null;
    additionalEventData: { SecretId: string };
    requestID: string;
    eventID: string;
    readOnly: false;
    eventType: 'AwsServiceEvent';
    managementEvent: true;
    recipientAccountId: string;
    eventCategory: 'Management';
  };
}

const SERVICE = 'secretsmanager.amazonaws.com';

/** Builds the event AWS would emit for `secretArn` at `now`. */
export function rotationEvent(
  eventName: RotationEventName,
  secretArn: string,
  scope: { region: string; accountId: string; now: number },
): SecretsManagerEvent {
  // CloudTrail and EventBridge both write times to the second.
  const time = new Date(Math.floor(scope.now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const eventID = randomUUID();
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'AWS Service Event via CloudTrail',
    source: 'aws.secretsmanager',
    account: scope.accountId,
    time,
    region: scope.region,
    resources: [],
    detail: {
      eventVersion: '1.08',
      userIdentity: { accountId: scope.accountId, invokedBy: SERVICE },
      eventTime: time,
      eventSource: SERVICE,
      eventName,
      awsRegion: scope.region,
      sourceIPAddress: SERVICE,
      userAgent: SERVICE,
      requestParameters: null,
      responseElements: null,
      additionalEventData: { SecretId: secretArn },
      requestID: randomUUID(),
      eventID,
      readOnly: false,
      eventType: 'AwsServiceEvent',
      managementEvent: true,
      recipientAccountId: scope.accountId,
      eventCategory: 'Management',
    },
  };
}
