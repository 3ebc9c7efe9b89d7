/**
 * CT-08/CT-09: HR's record that a person acknowledged the social media policy (and was trained)
 * before using an account. Table `directory`, pk STAFF#<id>, sk ACK#<acknowledgedAt>.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AcknowledgedTerm } from '../policy/acknowledgment-terms.ts';
import { tableName } from '../config.ts';
import { dynamo } from './clients.ts';

export interface Acknowledgment {
  staffId: string;
  acknowledgedAt: string;
  /** CT-09: when the person was trained; required since issue 17.2, absent on older records. */
  trainingCompletedAt?: string;
  /** What the person acknowledged: each rule id in force with its wording (issue 17.2). */
  terms?: AcknowledgedTerm[];
  /** The profile (or combination) in force when it was recorded: the terms are its. */
  profile?: string;
  /** Where HR keeps the signed form. */
  documentId?: string;
  recordedBy: string;
  recordedAt: string;
}

export async function putAcknowledgment(ack: Acknowledgment): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName('directory'),
      Item: { pk: `STAFF#${ack.staffId}`, sk: `ACK#${ack.acknowledgedAt}`, type: 'acknowledgment', ...ack },
    }),
  );
}

/** The latest acknowledgment on record, if any. */
export async function latestAcknowledgment(staffId: string): Promise<Acknowledgment | undefined> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('directory'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ack)',
      ExpressionAttributeValues: { ':pk': `STAFF#${staffId}`, ':ack': 'ACK#' },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const item = Items[0];
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, type: _t, ...ack } = item;
  return ack as Acknowledgment;
}
