/**
 * CT-06 for the records besides contacts: incidents, post suggestions and account requests (table
 * `accounts`) and audit entries (table `audit`). Each carries its retention and sits in the bucket of
 * the day it expires, as contact records do (shared/adapters/retention.ts):
 * - expiring on a day:  gsi4pk RETAIN#<YYYY-MM-DD>, gsi4sk <retainUntil>#<kind>#<id> (on the record)
 * - expired but held:   pk RETAIN#HELD, sk <retainUntil>#<kind>#<id> (a marker, re-checked every run)
 * - the watermark:      table `contacts`, pk DISPOSAL, sk WATERMARK#<table>
 * - the disposal log:   table `contacts`, pk DISPOSAL-LOG#<YYYY-MM-DD>, as for contacts
 * Disposing of an incident, a suggestion or a request takes every item of its partition (its events
 * and decisions) with it; an audit entry is one item.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import type { RecordKind, RecordRetention } from '../domain/retention.ts';
import type { TableKey } from '../tables.ts';
import { dynamo } from './clients.ts';
import { noActiveHoldKeyCheck } from './hold-keys.ts';
import { cancellationCodes } from './items.ts';
import { transactWithAudit } from './audit.ts';
import { auditDisposalEntry, auditTombstoneItem, chainPlace, recordTombstone } from './audit-disposal.ts';
import { queryAll } from './query-all.ts';

/** The tables whose records carry a retention attribute. */
export type RetainedTable = Extract<TableKey, 'accounts' | 'audit'>;
export const retainedTables: readonly RetainedTable[] = ['accounts', 'audit'];

/** An expired record as the bucket lists it. */
export interface RetainedMarker {
  table: RetainedTable;
  key: { pk: string; sk: string };
  retention: RecordRetention;
  bucket: string;
}

const heldBucket = 'HELD';
const wholePartition: readonly RecordKind[] = ['incident', 'post-suggestion', 'account-request'];

export { retained } from './retained.ts';

/** One page of a bucket's records whose retainUntil is before `before` (all held markers without it). */
export async function retainedPage(
  table: RetainedTable,
  bucket: string,
  before: string | undefined,
  startKey?: Record<string, unknown>,
): Promise<{ markers: RetainedMarker[]; nextKey: Record<string, unknown> | undefined }> {
  const held = bucket === heldBucket;
  const [pk, sk] = held ? ['pk', 'sk'] : ['gsi4pk', 'gsi4sk'];
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(table),
      ...(held ? {} : { IndexName: 'gsi4' }),
      KeyConditionExpression: before ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': pk, ...(before ? { '#sk': sk } : {}) },
      ExpressionAttributeValues: { ':pk': `RETAIN#${bucket}`, ...(before ? { ':before': before } : {}) },
      ExclusiveStartKey: startKey,
      Limit: 100,
    }),
  );
  return {
    markers: Items.map((item) => ({
      table,
      key: held ? (item.recordKey as { pk: string; sk: string }) : { pk: item.pk as string, sk: item.sk as string },
      retention: item.retention as RecordRetention,
      bucket,
    })),
    nextKey: LastEvaluatedKey,
  };
}

const heldMarkerKey = (retention: RecordRetention) => ({
  pk: `RETAIN#${heldBucket}`,
  sk: `${retention.retainUntil}#${retention.kind}#${retention.id}`,
});

/** Parks an expired, held record where every run looks again. */
export async function moveRetainedToHeld(marker: RetainedMarker): Promise<void> {
  if (marker.bucket === heldBucket) return;
  await dynamo().send(
    new PutCommand({
      TableName: tableName(marker.table),
      Item: {
        ...heldMarkerKey(marker.retention),
        type: 'retention-marker',
        recordKey: marker.key,
        retention: marker.retention,
      },
    }),
  );
}

/** What the disposal log says of a record other than a contact. */
export interface RecordDisposalEntry {
  recordKind: RecordKind;
  recordId: string;
  retainUntil: string;
  disposedAt: string;
  retentionSchedule: RecordRetention['schedule'];
  job: string;
}

/**
 * Deletes the expired record (and the rest of its partition), its held marker, and logs the disposal,
 * in one transaction that checks no hold is active on any of its subjects. 'held' when one is.
 * @records CT-06 — the disposal log entry (kind, id, retainUntil, schedule, job) of each record
 */
export async function disposeRetained(
  marker: RetainedMarker,
  entry: RecordDisposalEntry,
  asOf: string,
): Promise<'disposed' | 'held' | 'skipped'> {
  const table = tableName(marker.table);
  const rest = wholePartition.includes(marker.retention.kind)
    ? (
        await queryAll({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': marker.key.pk },
          ProjectionExpression: 'pk, sk',
        })
      ).filter((item) => item.sk !== marker.key.sk)
    : [];
  // A transaction takes 100 items; a record with more than that is left for a person to look at.
  if (rest.length + marker.retention.holdKeys.length > 95) return 'skipped';
  const holdChecks = marker.retention.holdKeys.map((key) => ({ ConditionCheck: noActiveHoldKeyCheck(key) }));
  // An audit entry keeps its place in its chain as a tombstone (issue 21.5); other records leave a chained entry.
  const place = marker.retention.kind === 'audit-entry' ? await chainPlace(marker.key) : undefined;
  const expired = {
    ConditionExpression: 'attribute_exists(pk) AND #r.retainUntil < :asOf',
    ExpressionAttributeNames: { '#r': 'retention' },
    ExpressionAttributeValues: { ':asOf': asOf },
  };
  const facts = {
    disposedAt: entry.disposedAt,
    retainUntil: entry.retainUntil,
    retentionSchedule: entry.retentionSchedule,
    job: entry.job,
  };
  const accountKey = marker.retention.holdKeys.find((key) => key.startsWith('ACCOUNT#'));
  try {
    await transactWithAudit(
      [
        ...holdChecks,
        place
          ? { Put: { TableName: table, Item: auditTombstoneItem(marker.key, place, facts, asOf), ...expired } }
          : // Whatever a marker says, a record is only deleted past its own retainUntil.
            { Delete: { TableName: table, Key: marker.key, ...expired } },
        { Delete: { TableName: table, Key: heldMarkerKey(marker.retention) } },
        ...rest.map((item) => ({ Delete: { TableName: table, Key: { pk: item.pk, sk: item.sk } } })),
        {
          Put: {
            TableName: tableName('contacts'),
            Item: {
              pk: `DISPOSAL-LOG#${entry.disposedAt.slice(0, 10)}`,
              sk: `${entry.disposedAt}#${entry.recordKind}#${entry.recordId}`,
              type: 'disposal',
              ...entry,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      [
        place
          ? auditDisposalEntry(place, facts, asOf)
          : recordTombstone(entry.recordKind, marker.key.pk, facts, asOf, accountKey?.slice('ACCOUNT#'.length)),
      ],
    );
    return 'disposed';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes.slice(0, holdChecks.length).includes('ConditionalCheckFailed')) return 'held';
    if (codes[holdChecks.length] === 'ConditionalCheckFailed') return 'skipped';
    throw error;
  }
}

const watermarkKey = (table: RetainedTable) => ({ pk: 'DISPOSAL', sk: `WATERMARK#${table}` });

/** The first day of `table`'s buckets not yet swept clean; undefined before the first run. */
export async function getRetainedWatermark(table: RetainedTable): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName('contacts'), Key: watermarkKey(table), ConsistentRead: true }),
  );
  return Item?.day as string | undefined;
}

export async function setRetainedWatermark(table: RetainedTable, day: string): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: tableName('contacts'), Item: { ...watermarkKey(table), type: 'watermark', day } }),
  );
}
