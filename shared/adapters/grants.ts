/**
 * Access grants (table `accounts`): who may reveal an account's credential (TN-07, NJ-02, NJ-09).
 * - an account's grants:   pk ACCOUNT#<id>, sk GRANT#<staffId>
 * - a person's grants:      gsi2pk GRANTEE#<staffId>, gsi2sk ACCOUNT#<id>
 * A grant past `expiresAt` is not active: expiry needs no job to take effect (NJ-09). Where the
 * profile asks approvers first (NJ-02) a grant is written `pending` and is in force only once every
 * approver approved; a pending grant past `decideBy` has lapsed and counts for nothing.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import type { ApprovalSlot, RecordedDecision } from '../domain/approvals.ts';
import { dynamo } from './clients.ts';
import { type AuditEntry, transactWithAudit } from './audit.ts';
import { conditionFailedAt, fromItem } from './items.ts';

export interface Grant {
  accountId: string;
  staffId: string;
  /** The grantee's office when granted, for the per-office limit (NJ-02). */
  office: string;
  grantedBy: string;
  grantedAt: string;
  expiresAt?: string;
  /** NJ-10: the department device a mobile-only platform is used on. */
  device?: string;
  /** NJ-03: the purpose of the access, and whether public information would have sufficed. */
  accessPurpose?: string;
  publicInformationSufficed?: boolean;
  /** NJ-02: present while the approvers decide; the grant is in force once it is gone. */
  status?: 'pending';
  /** The approval request this grant went through (its decision links' subject). */
  requestId?: string;
  /** When the request was made; `grantedAt` becomes the moment the last approver approved. */
  requestedAt?: string;
  /** A pending grant undecided by then has lapsed. */
  decideBy?: string;
  /** One approver per role the profile names (NJ-02). */
  approvers?: ApprovalSlot[];
  /** Every decision recorded on the request, kept on the grant as its evidence. */
  approvals?: RecordedDecision[];
}

const table = () => tableName('accounts');
export const grantKey = (accountId: string, staffId: string) => ({
  pk: `ACCOUNT#${accountId}`,
  sk: `GRANT#${staffId}`,
});
export const toGrant = (item: Record<string, unknown>) => fromItem<Grant>(item);

/** Whether a grant is in force at `at`: approved (NJ-02) and not yet expired (NJ-09). */
export const isActive = (grant: Grant, at: string): boolean =>
  grant.status !== 'pending' && (!grant.expiresAt || grant.expiresAt > at);

/** Whether a grant still waits for its approvers at `at` (pending and not lapsed). */
export const isAwaitingApproval = (grant: Grant, at: string): boolean =>
  grant.status === 'pending' && (!grant.decideBy || grant.decideBy > at);

/** Whether a grant takes a place in its office (NJ-02): in force, or still waiting for approval. */
export const holdsPlace = (grant: Grant, at: string): boolean => isActive(grant, at) || isAwaitingApproval(grant, at);

/** The put for a grant, for callers that write it in a transaction with its checks. */
export function grantPut(grant: Grant) {
  return {
    TableName: table(),
    Item: {
      ...grantKey(grant.accountId, grant.staffId),
      type: 'grant',
      gsi2pk: `GRANTEE#${grant.staffId}`,
      gsi2sk: `ACCOUNT#${grant.accountId}`,
      ...grant,
    },
  };
}

export async function putGrant(grant: Grant): Promise<void> {
  await dynamo().send(new PutCommand(grantPut(grant)));
}

export async function getGrant(accountId: string, staffId: string): Promise<Grant | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: grantKey(accountId, staffId), ConsistentRead: true }),
  );
  return Item ? toGrant(Item) : undefined;
}

/** The grant in force for this person on this account at `at`, if any. */
export async function activeGrant(accountId: string, staffId: string, at: string): Promise<Grant | undefined> {
  const grant = await getGrant(accountId, staffId);
  return grant && isActive(grant, at) ? grant : undefined;
}

export async function deleteGrant(accountId: string, staffId: string): Promise<boolean> {
  const { Attributes } = await dynamo().send(
    new DeleteCommand({ TableName: table(), Key: grantKey(accountId, staffId), ReturnValues: 'ALL_OLD' }),
  );
  return Attributes !== undefined;
}

/** Every grant on an account (a handful; NJ-02 caps them per office). */
export async function grantsOfAccount(accountId: string): Promise<Grant[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :g)',
      ExpressionAttributeValues: { ':pk': `ACCOUNT#${accountId}`, ':g': 'GRANT#' },
      ConsistentRead: true,
    }),
  );
  return Items.map(toGrant);
}

/** Every grant a person holds, for departures and leaver reports. */
export async function grantsOfStaff(staffId: string): Promise<Grant[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :g',
      ExpressionAttributeValues: { ':g': `GRANTEE#${staffId}` },
    }),
  );
  return Items.map(toGrant);
}

/**
 * Writes a grant only if no other grant on the account changed since `version` was read, so
 * per-office limits (NJ-02) hold under concurrent grants. Returns false on a lost race.
 */
export async function putGrantIfUnchanged(grant: Grant, version: number, audit: AuditEntry): Promise<boolean> {
  try {
    await transactWithAudit(
      [
        { Put: grantPut(grant) },
        {
          Update: {
            TableName: table(),
            Key: { pk: `ACCOUNT#${grant.accountId}`, sk: 'GRANTS-VERSION' },
            UpdateExpression: 'SET version = :next',
            ConditionExpression: 'attribute_not_exists(version) OR version = :current',
            ExpressionAttributeValues: { ':next': version + 1, ':current': version },
          },
        },
      ],
      [audit],
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 1)) return false;
    throw error;
  }
}

/** The account's grant version, read consistently before checking limits. */
export async function grantsVersion(accountId: string): Promise<number> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: table(),
      Key: { pk: `ACCOUNT#${accountId}`, sk: 'GRANTS-VERSION' },
      ConsistentRead: true,
    }),
  );
  return (Item?.version as number | undefined) ?? 0;
}

/** The condition that the grant is still the pending request named `:rid`. */
const stillPending = () => ({
  ConditionExpression: '#s = :pending AND requestId = :rid',
  ExpressionAttributeNames: { '#s': 'status' },
});

/**
 * Records an approver's decision on a pending grant in one transaction with spending the link and
 * its audit entry: `link` when the link could not be spent (used, expired), `closed` when the request
 * is no longer pending (lapsed, refused, withdrawn).
 */
export async function recordGrantDecision(
  grant: Grant,
  decision: RecordedDecision,
  spend: Record<string, unknown>,
  audit: AuditEntry,
): Promise<'recorded' | 'link' | 'closed'> {
  try {
    await transactWithAudit(
      [
        spend as never,
        {
          Update: {
            TableName: table(),
            Key: grantKey(grant.accountId, grant.staffId),
            UpdateExpression: 'SET approvals = list_append(if_not_exists(approvals, :none), :one)',
            ...stillPending(),
            ExpressionAttributeValues: {
              ':none': [],
              ':one': [decision],
              ':pending': 'pending',
              ':rid': grant.requestId,
            },
          },
        },
      ],
      [audit],
    );
    return 'recorded';
  } catch (error) {
    if (conditionFailedAt(error, 0)) return 'link';
    if (conditionFailedAt(error, 1)) return 'closed';
    throw error;
  }
}

/**
 * Settles a pending grant once its approvers decided: approved puts it in force from `at`, refused
 * removes it. Conditional, so of two deciders settling at once exactly one writes (and audits).
 */
export async function settleGrant(
  grant: Grant,
  outcome: 'approved' | 'rejected',
  at: string,
  audit: AuditEntry,
): Promise<boolean> {
  const key = grantKey(grant.accountId, grant.staffId);
  const values = { ':pending': 'pending', ':rid': grant.requestId };
  const change =
    outcome === 'approved'
      ? {
          Update: {
            TableName: table(),
            Key: key,
            UpdateExpression: 'SET grantedAt = :at REMOVE #s',
            ...stillPending(),
            ExpressionAttributeValues: { ...values, ':at': at },
          },
        }
      : {
          Delete: {
            TableName: table(),
            Key: key,
            ...stillPending(),
            ExpressionAttributeValues: values,
          },
        };
  try {
    await transactWithAudit([change], [audit]);
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
}
