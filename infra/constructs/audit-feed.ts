/**
 * The audit trail's event feed for an agency's SIEM (issue 19.3): every new audit entry, from the audit
 * table's stream, through an EventBridge Pipe to the account's default event bus as an
 * `official-accounts.audit` / `Audit Entry Recorded` event (schema: docs/audit-events.md). A SIEM
 * subscribes with an EventBridge rule; nothing here knows which SIEM. Chain heads and tombstones are
 * filtered out: only entries (items with an `action`) are events.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { Construct } from 'constructs';

/** The event's source and detail type, as docs/audit-events.md documents them. */
export const auditEventSource = 'official-accounts.audit';
export const auditEventDetailType = 'Audit Entry Recorded';

export class AuditFeed extends Construct {
  readonly pipe: CfnPipe;

  constructor(scope: Construct, id: string, props: { table: ITable; tableKey: IKey }) {
    super(scope, id);
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('The audit table needs its stream (shared/tables.ts `stream`).');
    const bus = `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:event-bus/default`;
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('pipes.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `Lets the audit feed of ${Stack.of(this).stackName} read the audit stream and put events.`,
    });
    new ManagedPolicy(this, 'Policy', {
      description: 'Read the audit stream (decrypting with the tables key) and put events on the default bus.',
      roles: [role],
      statements: [
        new PolicyStatement({
          actions: [
            'dynamodb:DescribeStream',
            'dynamodb:GetRecords',
            'dynamodb:GetShardIterator',
            'dynamodb:ListStreams',
          ],
          resources: [streamArn],
        }),
        new PolicyStatement({ actions: ['kms:Decrypt'], resources: [props.tableKey.keyArn] }),
        new PolicyStatement({ actions: ['events:PutEvents'], resources: [bus] }),
      ],
    });
    this.pipe = new CfnPipe(this, 'Pipe', {
      description: 'Audit entries to EventBridge for the SIEM (docs/audit-events.md).',
      roleArn: role.roleArn,
      source: streamArn,
      sourceParameters: {
        dynamoDbStreamParameters: { startingPosition: 'TRIM_HORIZON', batchSize: 10, maximumRetryAttempts: 10 },
        filterCriteria: {
          filters: [
            {
              pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { NewImage: { action: { S: [{ exists: true }] } } },
              }),
            },
          ],
        },
      },
      target: bus,
      targetParameters: {
        eventBridgeEventBusParameters: { source: auditEventSource, detailType: auditEventDetailType },
        inputTemplate: JSON.stringify({
          subject: '<$.dynamodb.NewImage.subject.S>',
          action: '<$.dynamodb.NewImage.action.S>',
          actorId: '<$.dynamodb.NewImage.actorId.S>',
          at: '<$.dynamodb.NewImage.at.S>',
          chain: '<$.dynamodb.NewImage.chain.S>',
          seq: '<$.dynamodb.NewImage.seq.N>',
          hash: '<$.dynamodb.NewImage.hash.S>',
          prevHash: '<$.dynamodb.NewImage.prevHash.S>',
          details: '<$.dynamodb.NewImage.details>',
        }),
      },
    });
  }
}
