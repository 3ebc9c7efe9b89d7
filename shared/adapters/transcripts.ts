/**
 * Transcripts a contact record owes (TN-12, issue 17.7), in the contacts table beside the record,
 * which itself never changes. Access patterns, each a GetItem or a Query (never a Scan):
 * - a record's owed marker:     pk CONTACT#<id>, sk TRANSCRIPT-OWED (gone once the transcript arrives)
 * - the transcript supplied:    pk CONTACT#<id>, sk TRANSCRIPT
 * - what a case still owes:     gsi1pk OWED#CASE#<caseId>, gsi1sk <occurredAt>#<id>
 * - everything owed (reminders): gsi2pk TRANSCRIPTS-OWED, gsi2sk <occurredAt>#<id>
 * The markers reuse the record indexes under their own partitions, so no list of records meets one.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import type { ContactView, OwedTranscript } from '../schemas/contacts.ts';
import { dynamo } from './clients.ts';
import { cancellationCodes, fromItem } from './items.ts';
import { queryAll } from './query-all.ts';

const table = () => tableName('contacts');
export const owedKey = (contactId: string) => ({ pk: `CONTACT#${contactId}`, sk: 'TRANSCRIPT-OWED' });
export const transcriptKey = (contactId: string) => ({ pk: `CONTACT#${contactId}`, sk: 'TRANSCRIPT' });
/** The partition listing every owed transcript, oldest conversation first, for the reminder job. */
export const owedPartition = 'TRANSCRIPTS-OWED';
const casePartition = (caseId: string) => `OWED#CASE#${caseId}`;

/** The owed marker of a record, to be written in the record's own transaction. */
export function owedMarker(record: ContactView, accountRegion: string): Record<string, unknown> {
  return {
    ...owedKey(record.contactId),
    type: 'transcript-owed',
    gsi1pk: casePartition(record.caseId),
    gsi1sk: `${record.occurredAt}#${record.contactId}`,
    gsi2pk: owedPartition,
    gsi2sk: `${record.occurredAt}#${record.contactId}`,
    contactId: record.contactId,
    caseId: record.caseId,
    accountId: record.accountId,
    workerId: record.workerId,
    occurredAt: record.occurredAt,
    recordedAt: record.recordedAt,
    recordedBy: record.recordedBy,
    workerRegion: record.workerRegion,
    accountRegion,
  };
}

const toOwed = (item: Record<string, unknown>): OwedTranscript & { recordedBy: string; workerRegion: string } => {
  const { accountRegion: _region, ...owed } = fromItem<Record<string, unknown>>(item);
  return owed as unknown as OwedTranscript & { recordedBy: string; workerRegion: string };
};

/**
 * What a case still owes, oldest first, narrowed by the filter a list of its records would have
 * (shared/adapters/contacts.ts scopeFilter: a supervisor's region, a case system's regions).
 */
export async function owedOfCase(
  caseId: string,
  filter: { expression: string; values: Record<string, string> } | undefined,
): Promise<OwedTranscript[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ...(filter ? { FilterExpression: filter.expression } : {}),
    ExpressionAttributeValues: { ':pk': casePartition(caseId), ...filter?.values },
  });
  return items.map(toOwed).map(({ recordedBy: _by, workerRegion: _region, ...owed }) => owed);
}

/** Every owed transcript of a conversation before `before`, oldest first (the reminder job's read). */
export async function owedBefore(before: string): Promise<Array<OwedTranscript & { workerRegion: string }>> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
    ExpressionAttributeValues: { ':pk': owedPartition, ':before': before },
  });
  return items.map(toOwed);
}

/** Every owed transcript of a worker of `region`, oldest first (the supervisors' console home, TN-12). */
export async function owedInRegion(region: string): Promise<Array<OwedTranscript & { workerRegion: string }>> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    FilterExpression: 'workerRegion = :region',
    ExpressionAttributeValues: { ':pk': owedPartition, ':region': region },
  });
  return items.map(toOwed);
}

/** Notes a reminder on the marker, if the transcript is still owed (it may have arrived meanwhile). */
export async function noteReminder(contactId: string, at: string): Promise<void> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: owedKey(contactId),
        UpdateExpression: 'SET remindedAt = :at ADD reminders :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at, ':one': 1 },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

export type SupplyOutcome = 'supplied' | 'same' | 'different' | 'not-owed';

export interface SuppliedTranscript {
  contactId: string;
  transcriptDocumentId: string;
  suppliedAt: string;
  suppliedBy: string;
}

/**
 * Records the transcript a record owes and ends its marker, in one transaction: the marker must
 * still exist and be of a record the caller wrote. `same` is a retry (the same document already
 * supplied); `different` another document already supplied; `not-owed` nothing owed by this caller.
 */
export async function supplyTranscript(
  supplied: SuppliedTranscript,
  attempt = 1,
): Promise<{ outcome: SupplyOutcome; transcript?: SuppliedTranscript }> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: table(),
              Key: owedKey(supplied.contactId),
              ConditionExpression: 'attribute_exists(pk) AND recordedBy = :by',
              ExpressionAttributeValues: { ':by': supplied.suppliedBy },
            },
          },
          {
            Put: {
              TableName: table(),
              Item: { ...transcriptKey(supplied.contactId), type: 'transcript', ...supplied },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return { outcome: 'supplied', transcript: supplied };
  } catch (error) {
    const codes = cancellationCodes(error);
    // A concurrent supply touched the same items and nothing was written: look again, after a moment.
    if (codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed') && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
      return supplyTranscript(supplied, attempt + 1);
    }
    if (!codes.includes('ConditionalCheckFailed')) throw error;
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: table(), Key: transcriptKey(supplied.contactId), ConsistentRead: true }),
    );
    const existing = Item ? fromItem<SuppliedTranscript>(Item) : undefined;
    if (existing?.suppliedBy === supplied.suppliedBy)
      return {
        outcome: existing.transcriptDocumentId === supplied.transcriptDocumentId ? 'same' : 'different',
        transcript: existing,
      };
    return { outcome: 'not-owed' };
  }
}

/** The end of a superseded record's marker, for the correction's transaction: the obligation moves to it. */
export const endOwedOf = (contactId: string) => ({ Delete: { TableName: table(), Key: owedKey(contactId) } });
