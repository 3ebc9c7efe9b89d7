/**
 * The audit trail (table `audit`, CT-10): append-only entries under the subject they concern.
 * - entries of a subject, oldest first: pk <SUBJECT>#<id>, sk <time>#<random>
 * - entries by an actor:               gsi1pk ACTOR#<id>, gsi1sk <time>
 * - entries by expiry day:            gsi4pk RETAIN#<day> (CT-06, shared/adapters/record-retention.ts)
 * Entries carry identifiers and outcomes, never a secret or a token.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { tableName } from '../config.ts';
import { dynamo } from './clients.ts';
import { retained } from './record-retention.ts';

export interface AuditEntry {
  /** e.g. `REQUEST#req_…` or `ACCOUNT#acc_…`. */
  subject: string;
  action: string;
  actorId: string;
  at: string;
  details?: Record<string, unknown>;
}

const subjectIn = (details: Record<string, unknown> | undefined, field: string, prefix: string) =>
  typeof details?.[field] === 'string' ? `${prefix}#${details[field]}` : undefined;

/**
 * The Put for an audit entry, for callers that write it inside their own transaction. It is kept for
 * the profile's auditRecordDays (CT-10, CT-06), longer while a hold is on its subject or on an
 * account, case or request its details name.
 */
export function auditPut(entry: AuditEntry) {
  const sk = `${entry.at}#${randomBytes(6).toString('base64url')}`;
  const holdKeys = [
    entry.subject,
    subjectIn(entry.details, 'accountId', 'ACCOUNT'),
    subjectIn(entry.details, 'caseId', 'CASE'),
    subjectIn(entry.details, 'requestId', 'REQUEST'),
  ];
  return {
    TableName: tableName('audit'),
    Item: {
      pk: entry.subject,
      sk,
      gsi1pk: `ACTOR#${entry.actorId}`,
      gsi1sk: entry.at,
      ...entry,
      ...retained('audit-entry', `${entry.subject}#${sk}`, entry.at, holdKeys),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
}

export async function appendAudit(entry: AuditEntry): Promise<void> {
  await dynamo().send(new PutCommand(auditPut(entry)));
}

/** A subject's trail, oldest first. */
export async function auditTrail(subject: string, limit = 200): Promise<AuditEntry[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('audit'),
      KeyConditionExpression: 'pk = :s',
      ExpressionAttributeValues: { ':s': subject },
      Limit: limit,
    }),
  );
  return Items.map(
    ({ subject: s, action, actorId, at, details }) =>
      ({ subject: s, action, actorId, at, ...(details ? { details } : {}) }) as AuditEntry,
  );
}

/** A subject's whole trail, oldest first, page after page (a records request, CT-06). */
export async function fullAuditTrail(subject: string): Promise<AuditEntry[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('audit'),
        KeyConditionExpression: 'pk = :s',
        ExpressionAttributeValues: { ':s': subject },
        ExclusiveStartKey: cursor,
      }),
    );
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items.map(
    ({ subject: s, action, actorId, at, details }) =>
      ({ subject: s, action, actorId, at, ...(details ? { details } : {}) }) as AuditEntry,
  );
}

/** What one person did, oldest first (the leaver report reads their reveals here). */
export async function auditByActor(actorId: string): Promise<AuditEntry[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('audit'),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :a',
        ExpressionAttributeValues: { ':a': `ACTOR#${actorId}` },
        ExclusiveStartKey: cursor,
      }),
    );
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items.map(
    ({ subject, action, actorId: actor, at, details }) =>
      ({ subject, action, actorId: actor, at, ...(details ? { details } : {}) }) as AuditEntry,
  );
}
