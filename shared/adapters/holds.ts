/**
 * Litigation holds (table `contacts`, CT-06). Access patterns:
 * - a hold:                     pk HOLD#<holdId>, sk HOLD
 * - every hold, oldest first:    gsi1pk HOLDS, gsi1sk <placedAt>#<holdId>
 * - active holds on a subject:   pk HELD#<subject>, sk ACTIVE, where <subject> is CASE#<caseId>,
 *   ACCOUNT#<accountId>, REQUEST#<requestId> or SUGGESTION#<suggestionId> (a record's `holdKeys`),
 *   `holdIds` a string set. One item per subject, so the disposal transaction can check "no hold
 *   is active" with a single ConditionCheck; DynamoDB removes the set when its last id goes.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import type { Hold } from '../schemas/holds.ts';
import { type AuditEntry, transactWithAudit } from './audit.ts';
import { dynamo } from './clients.ts';
import { heldKey, holdKeyOf, type HoldSubject, noActiveHoldKeyCheck } from './hold-keys.ts';
import { conditionFailedAt, fromItem } from './items.ts';

export type { HoldSubject } from './hold-keys.ts';

const table = () => tableName('contacts');
const holdKey = (holdId: string) => ({ pk: `HOLD#${holdId}`, sk: 'HOLD' });
const subjectKey = (subject: HoldSubject) => heldKey(holdKeyOf(subject));
export const subjectOf = (hold: Pick<Hold, 'caseId' | 'accountId' | 'requestId' | 'suggestionId'>): HoldSubject =>
  hold.caseId !== undefined
    ? { caseId: hold.caseId }
    : hold.requestId !== undefined
      ? { requestId: hold.requestId }
      : hold.suggestionId !== undefined
        ? { suggestionId: hold.suggestionId }
        : { accountId: hold.accountId! };

const toHold = (item: Record<string, unknown>): Hold => fromItem<Hold>(item);

/** The check a disposal makes in its transaction: no hold is active on `subject`. */
export const noActiveHoldCheck = (subject: HoldSubject) => noActiveHoldKeyCheck(holdKeyOf(subject));

/** Writes the hold, adds it to its subject's active set and audits it, all or nothing. */
export async function putHold(hold: Hold, audit: AuditEntry): Promise<void> {
  await transactWithAudit(
    [
      {
        Put: {
          TableName: table(),
          Item: {
            ...holdKey(hold.holdId),
            type: 'hold',
            gsi1pk: 'HOLDS',
            gsi1sk: `${hold.placedAt}#${hold.holdId}`,
            ...hold,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: table(),
          Key: subjectKey(subjectOf(hold)),
          UpdateExpression: 'ADD holdIds :id SET #type = :type',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':id': new Set([hold.holdId]), ':type': 'active-holds' },
        },
      },
    ],
    [audit],
  );
}

export async function getHold(holdId: string): Promise<Hold | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: holdKey(holdId), ConsistentRead: true }),
  );
  return Item ? toHold(Item) : undefined;
}

/**
 * Marks the hold lifted and takes it out of its subject's active set, if it is still active;
 * false when it was already lifted (a concurrent lift won).
 */
export async function liftHoldRecord(
  hold: Hold,
  lift: { liftedBy: string; liftedAt: string; liftReason: string },
  audit: AuditEntry,
): Promise<boolean> {
  try {
    await transactWithAudit(
      [
        {
          Update: {
            TableName: table(),
            Key: holdKey(hold.holdId),
            UpdateExpression: 'SET #s = :lifted, liftedBy = :by, liftedAt = :at, liftReason = :reason',
            ConditionExpression: '#s = :active',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':lifted': 'lifted',
              ':active': 'active',
              ':by': lift.liftedBy,
              ':at': lift.liftedAt,
              ':reason': lift.liftReason,
            },
          },
        },
        {
          Update: {
            TableName: table(),
            Key: subjectKey(subjectOf(hold)),
            UpdateExpression: 'DELETE holdIds :id',
            ExpressionAttributeValues: { ':id': new Set([hold.holdId]) },
          },
        },
      ],
      [audit],
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
}

/** Every hold, oldest first (holds are few: one per matter). */
export async function listHolds(): Promise<Hold[]> {
  const holds: Hold[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :holds',
        ExpressionAttributeValues: { ':holds': 'HOLDS' },
        ExclusiveStartKey: startKey,
      }),
    );
    holds.push(...(page.Items ?? []).map(toHold));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return holds;
}

/** Whether any hold is active on the subject, read consistently. */
export async function isHeld(subject: HoldSubject): Promise<boolean> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: subjectKey(subject), ConsistentRead: true }),
  );
  return Item?.holdIds !== undefined;
}
