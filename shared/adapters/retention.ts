/**
 * Disposal buckets, the disposal log and the job's watermark (table `contacts`, CT-06). A Scan
 * over every record each night would read the whole table to find a handful of expired ones, so
 * each record sits in the bucket of the day it expires. The record is its own entry there: its
 * index keys put it in index gsi4, so writing a record stays one PutItem, and deleting it takes
 * it out of its bucket.
 * - expiring on a day:     gsi4pk RETAIN#<YYYY-MM-DD>, gsi4sk <retainUntil>#<contactId> (on the record)
 * - expired but held:      pk RETAIN#HELD, sk <retainUntil>#<contactId> (a marker, re-checked every run)
 * - the sweep's watermark: pk DISPOSAL, sk WATERMARK (the first day not yet swept clean)
 * - the disposal log:      pk DISPOSAL-LOG#<YYYY-MM-DD>, sk <disposedAt>#<contactId>
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import { bucketDayOf } from '../domain/retention.ts';
import type { ContactView } from '../schemas/contacts.ts';
import type { DisposalEntry } from '../schemas/holds.ts';
import { dynamo } from './clients.ts';
import { noActiveHoldCheck } from './holds.ts';
import { cancellationCodes, fromItem } from './items.ts';
import { transactWithAudit } from './audit.ts';
import { recordTombstone } from './audit-disposal.ts';

/** What the job needs to decide about a record without reading it. */
export interface RetentionMarker {
  contactId: string;
  caseId: string;
  accountId: string;
  retainUntil: string;
  /** The bucket it sits in now: a day, or `HELD`. */
  bucket: string;
}

const table = () => tableName('contacts');
const markerKey = (bucket: string, retainUntil: string, contactId: string) => ({
  pk: `RETAIN#${bucket}`,
  sk: `${retainUntil}#${contactId}`,
});
const watermarkKey = { pk: 'DISPOSAL', sk: 'WATERMARK' };
export const heldBucket = 'HELD';

const markerItem = (marker: RetentionMarker) => ({
  ...markerKey(marker.bucket, marker.retainUntil, marker.contactId),
  type: 'retention-marker',
  contactId: marker.contactId,
  caseId: marker.caseId,
  accountId: marker.accountId,
  retainUntil: marker.retainUntil,
  bucket: marker.bucket,
});

/** The index keys that put a record in the bucket of the day it expires, written with it. */
export const retentionIndexKeys = (record: Pick<ContactView, 'contactId' | 'retainUntil' | 'recordedAt'>) => ({
  gsi4pk: `RETAIN#${bucketDayOf(record.retainUntil, record.recordedAt)}`,
  gsi4sk: `${record.retainUntil}#${record.contactId}`,
});

/**
 * One page of a bucket's entries whose retainUntil is before `before` (all of them without it):
 * a day's records from index gsi4, or the held markers.
 */
export async function markersPage(
  bucket: string,
  before: string | undefined,
  startKey?: Record<string, unknown>,
): Promise<{ markers: RetentionMarker[]; nextKey: Record<string, unknown> | undefined }> {
  const [pk, sk] = bucket === heldBucket ? ['pk', 'sk'] : ['gsi4pk', 'gsi4sk'];
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      ...(bucket === heldBucket ? {} : { IndexName: 'gsi4' }),
      KeyConditionExpression: before ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': pk, ...(before ? { '#sk': sk } : {}) },
      ExpressionAttributeValues: { ':pk': `RETAIN#${bucket}`, ...(before ? { ':before': before } : {}) },
      ExclusiveStartKey: startKey,
      Limit: 100,
    }),
  );
  return {
    markers: Items.map(
      (item) =>
        ({
          contactId: item.contactId,
          caseId: item.caseId,
          accountId: item.accountId,
          retainUntil: item.retainUntil,
          bucket,
        }) as RetentionMarker,
    ),
    nextKey: LastEvaluatedKey,
  };
}

/**
 * Records an expired, held record in the held bucket, where every run looks again; its day's bucket is
 * swept no more.
 */
export async function moveToHeld(marker: RetentionMarker): Promise<void> {
  if (marker.bucket === heldBucket) return;
  await dynamo().send(new PutCommand({ TableName: table(), Item: markerItem({ ...marker, bucket: heldBucket }) }));
}

export type DisposalOutcome = 'disposed' | 'held' | 'skipped';

/**
 * Deletes the expired record, its correction link and held marker, and logs the disposal, in one
 * transaction that also checks no hold is active on its case or account: a hold placed while the
 * job runs either commits first (the record stays) or after (the record was already gone).
 */
export async function disposeRecord(
  marker: RetentionMarker,
  entry: DisposalEntry,
  asOf: string,
): Promise<DisposalOutcome> {
  try {
    await transactWithAudit(
      [
        {
          Delete: {
            TableName: table(),
            Key: { pk: `CONTACT#${marker.contactId}`, sk: 'RECORD' },
            // Defence in depth: whatever a marker says, a record is only deleted past its own retainUntil.
            ConditionExpression: 'attribute_exists(pk) AND retainUntil < :asOf',
            ExpressionAttributeValues: { ':asOf': asOf },
          },
        },
        { Delete: { TableName: table(), Key: { pk: `CONTACT#${marker.contactId}`, sk: 'SUPERSEDED-BY' } } },
        { Delete: { TableName: table(), Key: markerKey(heldBucket, marker.retainUntil, marker.contactId) } },
        {
          Put: {
            TableName: table(),
            Item: {
              pk: `DISPOSAL-LOG#${entry.disposedAt.slice(0, 10)}`,
              sk: `${entry.disposedAt}#${entry.contactId}`,
              type: 'disposal',
              ...entry,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { ConditionCheck: noActiveHoldCheck({ caseId: marker.caseId }) },
        { ConditionCheck: noActiveHoldCheck({ accountId: marker.accountId }) },
        // TN-12's owed marker and supplied transcript go with their record (last: the codes above keep their places).
        { Delete: { TableName: table(), Key: { pk: `CONTACT#${marker.contactId}`, sk: 'TRANSCRIPT-OWED' } } },
        { Delete: { TableName: table(), Key: { pk: `CONTACT#${marker.contactId}`, sk: 'TRANSCRIPT' } } },
      ],
      [recordTombstone('contact', `CONTACT#${entry.contactId}`, entry, asOf, marker.accountId)],
    );
    return 'disposed';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes[4] === 'ConditionalCheckFailed' || codes[5] === 'ConditionalCheckFailed') return 'held';
    // Gone meanwhile (a concurrent run) or, against every expectation, not expired: leave it be.
    if (codes[0] === 'ConditionalCheckFailed') return 'skipped';
    throw error;
  }
}

/** Removes a held marker whose record is gone; a day's entry went with its record. */
export async function deleteMarker(marker: RetentionMarker): Promise<void> {
  if (marker.bucket !== heldBucket) return;
  await dynamo().send(
    new DeleteCommand({ TableName: table(), Key: markerKey(marker.bucket, marker.retainUntil, marker.contactId) }),
  );
}

/** The first day whose bucket may still hold expired markers; undefined before the first run. */
export async function getWatermark(): Promise<string | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: watermarkKey, ConsistentRead: true }));
  return Item?.day as string | undefined;
}

export async function setWatermark(day: string): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: table(), Item: { ...watermarkKey, type: 'watermark', day } }));
}

/** The disposal log of one day (UTC), in order. */
export async function disposalLog(day: string): Promise<DisposalEntry[]> {
  const entries: DisposalEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `DISPOSAL-LOG#${day}` },
        ExclusiveStartKey: startKey,
      }),
    );
    entries.push(...(page.Items ?? []).map((item) => fromItem<DisposalEntry>(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return entries;
}
