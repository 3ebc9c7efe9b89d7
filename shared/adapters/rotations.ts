/**
 * Password changes (table `accounts`). Access patterns:
 * - an account's rotations:  pk ACCOUNT#<id>, sk ROTATION#<rotationId>
 * - open rotations by due date (operations): gsi2pk ROTATION-STATUS#pending, gsi2sk <dueAt>
 *   (from the moment it opens, status `requested` or `pending`, until it closes)
 * - one open rotation per account: the account item's `openRotationId`, set conditionally
 * - CT-12 fingerprints: pk FINGERPRINT#<hmac>, sk FINGERPRINT (keyed hashes, never the password)
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import { rotationDuePartition } from './accounts.ts';
import { type AuditEntry, transactWithAudit } from './audit.ts';
import { dynamo } from './clients.ts';
import { conditionFailedAt, fromItem } from './items.ts';
import { queryAll } from './query-all.ts';

export type RotationStatus = 'requested' | 'pending' | 'confirmed' | 'cancelled';
export type RotationReason = 'scheduled' | 'on-demand' | 'compromise' | 'departure';

export interface Rotation {
  rotationId: string;
  accountId: string;
  status: RotationStatus;
  reason: RotationReason;
  note?: string;
  requestedBy: string;
  startedAt: string;
  dueAt: string;
  confirmedAt?: string;
  confirmedBy?: string;
}

const table = () => tableName('accounts');
const rotationKey = (accountId: string, rotationId: string) => ({
  pk: `ACCOUNT#${accountId}`,
  sk: `ROTATION#${rotationId}`,
});
const accountKey = (accountId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: 'ACCOUNT' });
const toRotation = (item: Record<string, unknown>) => fromItem<Rotation>(item);

/**
 * Opens a rotation: claims the account's single open-rotation slot and records the rotation.
 * Returns false when another rotation is open (TN-09: one change at a time).
 */
export async function openRotation(rotation: Rotation, audit: AuditEntry): Promise<boolean> {
  try {
    await transactWithAudit(
      [
        {
          Update: {
            TableName: table(),
            Key: accountKey(rotation.accountId),
            UpdateExpression: 'SET openRotationId = :r',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(openRotationId) OR openRotationId = :r)',
            ExpressionAttributeValues: { ':r': rotation.rotationId },
          },
        },
        {
          Put: {
            TableName: table(),
            Item: {
              ...rotationKey(rotation.accountId, rotation.rotationId),
              type: 'rotation',
              gsi2pk: 'ROTATION-STATUS#pending',
              gsi2sk: rotation.dueAt,
              ...rotation,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      [audit],
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    if (conditionFailedAt(error, 1)) return true; // the same rotation, opened by a retry
    throw error;
  }
}

/** The account's open rotation, if any: the one a departure or compromise replaces. */
export async function openRotationOf(accountId: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: table(),
      Key: accountKey(accountId),
      ProjectionExpression: 'openRotationId',
      ConsistentRead: true,
    }),
  );
  return Item?.openRotationId as string | undefined;
}

export async function getRotation(accountId: string, rotationId: string): Promise<Rotation | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: rotationKey(accountId, rotationId), ConsistentRead: true }),
  );
  return Item ? toRotation(Item) : undefined;
}

/**
 * Marks the rotation's pending version created (the task now waits on the administrator); false
 * when the rotation closed in the meantime.
 */
export async function markPending(accountId: string, rotationId: string): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: rotationKey(accountId, rotationId),
        UpdateExpression: 'SET #s = :pending',
        ConditionExpression: '#s IN (:requested, :pending)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':requested': 'requested' },
      }),
    );
    return true;
  } catch (error) {
    // Cancelled (replaced by a departure's or compromise's rotation) or confirmed while this step ran.
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * Closes a rotation (confirmed or cancelled), frees the account's slot and, when confirmed, records
 * the new rotation dates on the account, all in one transaction. False when it was already closed.
 */
export async function closeRotation(
  rotation: Rotation,
  change: { status: 'confirmed' | 'cancelled'; at: string; by: string; nextRotationDue?: string },
  audit: AuditEntry,
): Promise<boolean> {
  try {
    await transactWithAudit(
      [
        {
          Update: {
            TableName: table(),
            Key: rotationKey(rotation.accountId, rotation.rotationId),
            UpdateExpression:
              change.status === 'confirmed'
                ? 'SET #s = :s, confirmedAt = :at, confirmedBy = :by REMOVE gsi2pk, gsi2sk'
                : 'SET #s = :s, cancelledAt = :at, cancelledBy = :by REMOVE gsi2pk, gsi2sk',
            ConditionExpression: '#s IN (:requested, :pending)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':s': change.status,
              ':at': change.at,
              ':by': change.by,
              ':requested': 'requested',
              ':pending': 'pending',
            },
          },
        },
        {
          Update: {
            TableName: table(),
            Key: accountKey(rotation.accountId),
            UpdateExpression:
              change.status === 'confirmed'
                ? 'SET lastRotatedAt = :at, nextRotationDue = :next, gsi2pk = :duePk, gsi2sk = :next ' +
                  'REMOVE openRotationId'
                : 'REMOVE openRotationId',
            ConditionExpression: 'openRotationId = :r',
            ExpressionAttributeValues: {
              ':r': rotation.rotationId,
              ...(change.status === 'confirmed'
                ? { ':at': change.at, ':next': change.nextRotationDue, ':duePk': rotationDuePartition }
                : {}),
            },
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

export async function storeRotationToken(accountId: string, rotationId: string, taskToken: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: rotationKey(accountId, rotationId),
      UpdateExpression: 'SET taskToken = :t',
      ExpressionAttributeValues: { ':t': taskToken },
    }),
  );
}

export async function rotationToken(accountId: string, rotationId: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: table(),
      Key: rotationKey(accountId, rotationId),
      ProjectionExpression: 'taskToken',
      ConsistentRead: true,
    }),
  );
  return Item?.taskToken as string | undefined;
}

/**
 * The account's most recently confirmed rotation: its id is the version now current (unless the
 * login was never rotated). Rotations are monthly, so an account has a few dozen at most.
 */
export async function lastConfirmedRotation(accountId: string): Promise<Rotation | undefined> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
    FilterExpression: '#s = :confirmed',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':p': `ACCOUNT#${accountId}`, ':s': 'ROTATION#', ':confirmed': 'confirmed' },
    ConsistentRead: true,
  });
  return items
    .map(toRotation)
    .sort((a, b) => (a.confirmedAt ?? '').localeCompare(b.confirmedAt ?? ''))
    .at(-1);
}

/** Open rotations due before `before`, soonest due first: the operations view of overdue tasks. */
export async function openRotationsDueBefore(before: string): Promise<Rotation[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :p AND gsi2sk < :before',
    ExpressionAttributeValues: { ':p': 'ROTATION-STATUS#pending', ':before': before },
  });
  return items.map(toRotation);
}

/** The account that already uses a password with this fingerprint, if any (CT-12). */
export async function fingerprintOwner(fingerprint: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: { pk: `FINGERPRINT#${fingerprint}`, sk: 'FINGERPRINT' } }),
  );
  return Item?.accountId as string | undefined;
}

/**
 * Records that `accountId` uses (or used) the password with this fingerprint, unless another account
 * holds it: the write is conditional, so two accounts stored at once cannot both pass the CT-12 check
 * and share a password. False when another account holds it; the holder may record it again.
 */
export async function recordFingerprint(
  fingerprint: string,
  accountId: string,
  versionId: string,
  at: string,
): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: {
          pk: `FINGERPRINT#${fingerprint}`,
          sk: 'FINGERPRINT',
          type: 'password-fingerprint',
          accountId,
          versionId,
          recordedAt: at,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR accountId = :account',
        ExpressionAttributeValues: { ':account': accountId },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
