/**
 * Official accounts (table `accounts`). Access patterns:
 * - an account:              pk ACCOUNT#<id>, sk ACCOUNT
 * - accounts of a region:     gsi1pk REGION#<region>, gsi1sk ACCOUNT#<id>
 * - accounts by next rotation: gsi2pk ROTATION-DUE, gsi2sk <nextRotationDue> (operations; kept
 *   in step by createAccount and closeRotation in shared/adapters/rotations.ts)
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import type { Account } from '../schemas/accounts.ts';
import { type AuditEntry, transactWithAudit } from './audit.ts';
import { dynamo } from './clients.ts';
import { conditionFailedAt, fromItem } from './items.ts';
import { queryAll } from './query-all.ts';

const table = () => tableName('accounts');
export const accountKey = (accountId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: 'ACCOUNT' });

export interface StoredAccount extends Account {
  secretArn: string;
  rotationIntervalDays: number;
}

/** The gsi2 partition that lists every account under its next rotation date (operations' "rotations due"). */
export const rotationDuePartition = 'ROTATION-DUE';
const rotationDueIndex = (nextRotationDue: string) => ({ gsi2pk: rotationDuePartition, gsi2sk: nextRotationDue });

export const toAccount = (item: Record<string, unknown>): StoredAccount => {
  const {
    uniquenessKey: _u,
    openRotationId: _o,
    ...account
  } = fromItem<StoredAccount & { uniquenessKey?: string; openRotationId?: string }>(item);
  return account;
};

/**
 * Creates the account, handing it the request's TN-04 claim in the same transaction. Idempotent:
 * a retry after success finds the account and changes nothing.
 */
export async function createAccount(
  account: StoredAccount,
  uniquenessKey: string | undefined,
  actorId: string,
): Promise<StoredAccount> {
  try {
    await transactWithAudit(
      [
        {
          Put: {
            TableName: table(),
            Item: {
              ...accountKey(account.accountId),
              type: 'account',
              gsi1pk: `REGION#${account.region}`,
              gsi1sk: `ACCOUNT#${account.accountId}`,
              ...rotationDueIndex(account.nextRotationDue),
              ...account,
              ...(uniquenessKey ? { uniquenessKey } : {}),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...(uniquenessKey
          ? [
              {
                Put: {
                  TableName: table(),
                  Item: {
                    pk: `UNIQUE#${uniquenessKey}`,
                    sk: 'UNIQUE',
                    type: 'uniqueness',
                    holder: `ACCOUNT#${account.accountId}`,
                  },
                },
              },
            ]
          : []),
      ],
      [
        {
          subject: `ACCOUNT#${account.accountId}`,
          action: 'account.created',
          actorId,
          at: account.approvedAt,
          details: { requestId: account.requestId },
        },
      ],
    );
    return account;
  } catch (error) {
    if (conditionFailedAt(error, 0)) {
      const existing = await getAccount(account.accountId);
      if (existing) return existing;
    }
    throw error;
  }
}

/**
 * Moves the account from one status to another with its audit entry, in one transaction; false when
 * it is not in `from` (already suspended, already active).
 */
export async function changeAccountStatus(
  accountId: string,
  from: StoredAccount['status'],
  to: StoredAccount['status'],
  audit: AuditEntry,
): Promise<boolean> {
  try {
    await transactWithAudit(
      [
        {
          Update: {
            TableName: table(),
            Key: accountKey(accountId),
            UpdateExpression: 'SET #s = :to',
            ConditionExpression: '#s = :from',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':to': to, ':from': from },
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

export async function getAccount(accountId: string): Promise<StoredAccount | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: accountKey(accountId) }));
  return Item ? toAccount(Item) : undefined;
}

/** The accounts of one region, by id. */
export async function listAccountsByRegion(region: string): Promise<StoredAccount[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :r',
        ExpressionAttributeValues: { ':r': `REGION#${region}` },
        ExclusiveStartKey: cursor,
      }),
    );
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items.map(toAccount);
}

/**
 * Active accounts whose next rotation was due by `asOf` and that have no rotation open: the
 * changes Secrets Manager's schedule should have started and has not. Oldest due first.
 */
export async function accountsDueForRotation(asOf: string): Promise<StoredAccount[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :due AND gsi2sk <= :asOf',
    FilterExpression: 'attribute_not_exists(openRotationId) AND #s = :active',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':due': rotationDuePartition, ':asOf': asOf, ':active': 'active' },
  });
  return items.map(toAccount);
}
