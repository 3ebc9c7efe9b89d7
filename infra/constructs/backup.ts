/**
 * AWS Backup for the tables: point-in-time recovery covers 35 days, this keeps a daily copy for
 * 35 days and a monthly one for a year, in a vault with its own key, for the records' retention
 * and for recovery from a mistake noticed late.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

/** The vault, the plan and the selection of `tables`. */
export class Backups extends Construct {
  readonly vault: BackupVault;

  constructor(scope: Construct, id: string, props: { tables: readonly ITable[]; encryptionKey: IKey }) {
    super(scope, id);
    this.vault = new BackupVault(this, 'Vault', {
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: Schedule.cron({ hour: '5', minute: '0' }),
          deleteAfter: Duration.days(35),
        }),
        // No cold-storage transition: DynamoDB supports it only with AWS Backup's advanced features opted in.
        new BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: Schedule.cron({ day: '1', hour: '5', minute: '0' }),
          deleteAfter: Duration.days(365),
        }),
      ],
    });
    const selection = plan.addSelection('Tables', {
      resources: props.tables.map((table) => BackupResource.fromDynamoDbTable(table)),
    });
    acknowledge(
      selection,
      'backupServiceRole',
      'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
    );
  }
}
