/**
 * Contact records (table `contacts`, TN-12). A record never changes once written; a correction is
 * a new record that supersedes it. Access patterns, each a GetItem or a Query (never a Scan):
 * - a record:                pk CONTACT#<id>, sk RECORD
 * - its correction, if any:  pk CONTACT#<id>, sk SUPERSEDED-BY (at most one: corrections form a chain)
 * - records of a case:       gsi1pk CASE#<caseId>,       gsi1sk <occurredAt>#<id>
 * - records of an account:   gsi2pk ACCOUNT#<accountId>, gsi2sk <occurredAt>#<id>
 * - records of a worker:     gsi3pk WORKER#<workerId>,   gsi3sk <occurredAt>#<id>
 * Reads of a case system are narrowed to its regions by a filter on `accountRegion`, kept on the
 * item (not in the API's view) since issue 16.7; records written before it lack it and are
 * matched by their worker's region instead, the region their grant was for when written.
 * - its disposal bucket:     gsi4pk RETAIN#<day it expires>, gsi4sk <retainUntil>#<id> (shared/adapters/retention.ts)
 * - the transcript it owes:  pk CONTACT#<id>, sk TRANSCRIPT-OWED, in the same write (shared/adapters/transcripts.ts)
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import type { ContactView } from '../schemas/contacts.ts';
import { dynamo } from './clients.ts';
import { cancellationCodes, fromItem } from './items.ts';
import { retentionIndexKeys } from './retention.ts';
import { endOwedOf, owedMarker } from './transcripts.ts';

/** What a list is keyed by, and the index that serves it. */
export type ContactSubject = 'caseId' | 'accountId' | 'workerId';

const indexes: Record<ContactSubject, { name: string; pk: string; sk: string; prefix: string }> = {
  caseId: { name: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk', prefix: 'CASE#' },
  accountId: { name: 'gsi2', pk: 'gsi2pk', sk: 'gsi2sk', prefix: 'ACCOUNT#' },
  workerId: { name: 'gsi3', pk: 'gsi3pk', sk: 'gsi3sk', prefix: 'WORKER#' },
};

/** A position in a list: the last record a page ended with. */
export interface ListPosition {
  occurredAt: string;
  contactId: string;
}

const table = () => tableName('contacts');
export const contactKey = (contactId: string) => ({ pk: `CONTACT#${contactId}`, sk: 'RECORD' });
export const supersededByKey = (contactId: string) => ({ pk: `CONTACT#${contactId}`, sk: 'SUPERSEDED-BY' });
const listKey = (record: Pick<ContactView, 'occurredAt' | 'contactId'>) => `${record.occurredAt}#${record.contactId}`;

/** The record as the API shows it: the request fingerprint only ever answers getContact. */
const toView = (item: Record<string, unknown>): ContactView => {
  const { requestFingerprint: _fingerprint, accountRegion: _region, ...view } = fromItem<Record<string, unknown>>(item);
  return view as unknown as ContactView;
};

export type WriteOutcome = 'created' | 'exists' | 'superseded-unknown' | 'already-superseded' | 'conflict';

/**
 * Writes the record, in the bucket of the day it expires (shared/adapters/retention.ts), with one
 * conditional PutItem; a correction also writes the link that makes the superseded record's
 * correction unique, in one transaction with it. `exists` means a record with this id is already
 * there (an idempotent retry, or a concurrent duplicate that won); `conflict` means a concurrent
 * transaction touched the same items and nothing was written.
 */
export async function putContact(
  record: ContactView,
  requestFingerprint: string,
  accountRegion: string,
): Promise<WriteOutcome> {
  const supersedes = record.supersedes;
  const put = {
    TableName: table(),
    Item: {
      ...contactKey(record.contactId),
      type: 'contact',
      gsi1pk: `${indexes.caseId.prefix}${record.caseId}`,
      gsi1sk: listKey(record),
      gsi2pk: `${indexes.accountId.prefix}${record.accountId}`,
      gsi2sk: listKey(record),
      gsi3pk: `${indexes.workerId.prefix}${record.workerId}`,
      gsi3sk: listKey(record),
      ...retentionIndexKeys(record),
      ...record,
      accountRegion,
      requestFingerprint,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
  // TN-12: a record owing its transcript is written with its owed marker, or not at all.
  const owed = record.transcriptOwed ? [{ Put: { TableName: table(), Item: owedMarker(record, accountRegion) } }] : [];
  if (!supersedes && owed.length === 0) {
    try {
      await dynamo().send(new PutCommand(put));
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }
  if (!supersedes) {
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...owed] }));
      return 'created';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes[0] === 'ConditionalCheckFailed') return 'exists';
      if (codes.includes('TransactionConflict')) return 'conflict';
      throw error;
    }
  }
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: put },
          // Only a record this case system wrote can be corrected by it.
          {
            ConditionCheck: {
              TableName: table(),
              Key: contactKey(supersedes),
              ConditionExpression: 'attribute_exists(pk) AND recordedBy = :by',
              ExpressionAttributeValues: { ':by': record.recordedBy },
            },
          },
          {
            Put: {
              TableName: table(),
              Item: { ...supersededByKey(supersedes), type: 'superseded-by', contactId: record.contactId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          // TN-12: what the superseded record owed is settled by the correction: supplied, or owed by it now.
          endOwedOf(supersedes),
          ...owed,
        ],
      }),
    );
    return 'created';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes[0] === 'ConditionalCheckFailed') return 'exists';
    if (codes[1] === 'ConditionalCheckFailed') return 'superseded-unknown';
    if (codes[2] === 'ConditionalCheckFailed') return 'already-superseded';
    if (codes.includes('TransactionConflict')) return 'conflict';
    throw error;
  }
}

/** A record and the fingerprint of the request that wrote it, read strongly consistently. */
export async function getContact(
  contactId: string,
): Promise<{ record: ContactView; requestFingerprint: string } | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: contactKey(contactId), ConsistentRead: true }),
  );
  return Item ? { record: toView(Item), requestFingerprint: String(Item.requestFingerprint) } : undefined;
}

export interface ListRequest {
  subject: ContactSubject;
  value: string;
  /** occurredAt range, inclusive, as normalized ISO timestamps. */
  from?: string;
  to?: string;
  after?: ListPosition;
  limit: number;
  /** Only records of workers of this region (supervisors, DC-09). */
  workerRegion?: string;
  /** Only records of accounts of these regions (a case system's, issue 16.7). */
  accountRegions?: readonly string[];
}

/** The filter narrowing a page to a supervisor's or a case system's regions, if any. */
export function scopeFilter(
  request: Pick<ListRequest, 'workerRegion' | 'accountRegions'>,
): { expression: string; values: Record<string, string> } | undefined {
  if (request.workerRegion)
    return { expression: 'workerRegion = :region', values: { ':region': request.workerRegion } };
  if (!request.accountRegions) return undefined;
  // No region served: an impossible match, still a Query (and never a Scan).
  const regions = request.accountRegions.length ? request.accountRegions : ['~none~'];
  const values = Object.fromEntries(regions.map((region, i) => [`:r${i}`, region]));
  const list = Object.keys(values).join(', ');
  return {
    expression: `accountRegion IN (${list}) OR (attribute_not_exists(accountRegion) AND workerRegion IN (${list}))`,
    values,
  };
}

/**
 * One page of a subject's records, oldest first, and the position after its last record when
 * more may follow. Reads one item beyond `limit`, so a page that ends the list says so.
 */
export async function listContacts(
  request: ListRequest,
): Promise<{ items: ContactView[]; next: ListPosition | undefined }> {
  const index = indexes[request.subject];
  const partition = `${index.prefix}${request.value}`;
  const lower = request.from ?? '0000';
  // `#~` sorts after every `#<id>` suffix, so records at exactly `to` are included.
  const upper = `${request.to ?? '9999'}#~`;
  const filter = scopeFilter(request);
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lower AND :upper',
      ...(filter ? { FilterExpression: filter.expression } : {}),
      ExpressionAttributeNames: { '#pk': index.pk, '#sk': index.sk },
      ExpressionAttributeValues: {
        ':pk': partition,
        ':lower': lower,
        ':upper': upper,
        ...filter?.values,
      },
      ...(request.after
        ? {
            ExclusiveStartKey: {
              ...contactKey(request.after.contactId),
              [index.pk]: partition,
              [index.sk]: listKey(request.after),
            },
          }
        : {}),
      Limit: request.limit + 1,
    }),
  );
  const items = Items.slice(0, request.limit).map(toView);
  if (Items.length > request.limit)
    return { items, next: { occurredAt: items.at(-1)!.occurredAt, contactId: items.at(-1)!.contactId } };
  // A filtered page can stop short of the end: continue after the last item DynamoDB evaluated.
  if (LastEvaluatedKey) {
    const [occurredAt, contactId] = String(LastEvaluatedKey[index.sk]).split('#') as [string, string];
    return { items, next: { occurredAt, contactId } };
  }
  return { items, next: undefined };
}
