/**
 * Account requests and their decisions (table `accounts`); their emailed links are decision links
 * (shared/adapters/decision-links.ts). Access patterns:
 * - a request:              pk REQUEST#<id>, sk REQUEST
 * - its decisions, in order: pk REQUEST#<id>, sk DECISION#<decidedAt>#<approvalId> (append-only)
 * - requests by requester:  gsi1pk REQUESTER#<id>, gsi1sk <createdAt>
 * - pending requests by age: gsi2pk REQUEST-STATUS#pending, gsi2sk <createdAt> (operations)
 * - TN-04 uniqueness:       pk UNIQUE#<key>, sk UNIQUE, held by a pending request or an account
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import type { ApprovalRules, ApprovalSlot, Decision, RecordedDecision, RequestStatus } from '../domain/approvals.ts';
import { accountSeparationViolation } from '../domain/account-separation.ts';
import { ConflictError, PolicyViolationError } from '../errors.ts';
import { transactWithAudit } from './audit.ts';
import { dynamo } from './clients.ts';
import { spendFailure, spendLink, type DecisionLink } from './decision-links.ts';
import { cancellationCodes, fromItem } from './items.ts';
import { queryAll } from './query-all.ts';
import { retained } from './record-retention.ts';

export interface AccountRequestRecord {
  requestId: string;
  status: RequestStatus;
  requesterId: string;
  platform: string;
  purpose: 'client-contact' | 'public-information' | 'news';
  region: string;
  displayName?: string;
  administratorId: string;
  backupAdministratorId: string;
  createdAt: string;
  expiresAt: string;
  approvers: ApprovalSlot[];
  rules: ApprovalRules;
  /** Slots whose approvers have been sent a link. */
  askedSlots: number[];
  escalated: boolean;
  lastReminderAt?: string;
  uniquenessKey?: string;
  accountId?: string;
  closedAt?: string;
  closedReason?: string;
}

const table = () => tableName('accounts');
const requestKey = (requestId: string) => ({ pk: `REQUEST#${requestId}`, sk: 'REQUEST' });
const uniqueKey = (key: string) => ({ pk: `UNIQUE#${key}`, sk: 'UNIQUE' });

/**
 * Creates a pending request. With `uniquenessKey` (TN-04) the key is claimed in the same
 * transaction, so two concurrent requests for the same region and platform cannot both pass; the
 * refusal is TN-04's (shared/domain/account-separation.ts).
 */
export async function createRequest(record: AccountRequestRecord): Promise<void> {
  try {
    await transactWithAudit(
      [
        {
          Put: {
            TableName: table(),
            Item: {
              ...requestKey(record.requestId),
              type: 'account-request',
              gsi1pk: `REQUESTER#${record.requesterId}`,
              gsi1sk: record.createdAt,
              gsi2pk: 'REQUEST-STATUS#pending',
              gsi2sk: record.createdAt,
              // CT-06: kept with its decisions for recordDays, and while a hold names it (or, once
              // approved, its account: attachAccount).
              ...retained('account-request', record.requestId, record.createdAt, [`REQUEST#${record.requestId}`]),
              ...record,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...(record.uniquenessKey
          ? [
              {
                Put: {
                  TableName: table(),
                  Item: {
                    ...uniqueKey(record.uniquenessKey),
                    type: 'uniqueness',
                    holder: `REQUEST#${record.requestId}`,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ]
          : []),
      ],
      [
        {
          subject: `REQUEST#${record.requestId}`,
          action: 'account-request.created',
          actorId: record.requesterId,
          at: record.createdAt,
          details: { platform: record.platform, region: record.region, purpose: record.purpose },
        },
      ],
    );
  } catch (error) {
    if (cancellationCodes(error)[1] === 'ConditionalCheckFailed' && record.uniquenessKey) {
      const refusal = accountSeparationViolation({
        kind: 'second-client-contact-account',
        region: record.region,
        platform: record.platform,
      })!;
      throw new PolicyViolationError(refusal.rule, refusal.message, [
        { field: refusal.field, message: 'one client-contact account per region and platform' },
      ]);
    }
    throw error;
  }
}

/** The request and its decisions; consistent reads, because decisions are tallied from this. */
export async function getRequest(
  requestId: string,
): Promise<{ request: AccountRequestRecord; decisions: RecordedDecision[] } | undefined> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `REQUEST#${requestId}` },
      ConsistentRead: true,
    }),
  );
  const request = Items.find((item) => item.sk === 'REQUEST');
  if (!request) return undefined;
  const decisions = Items.filter((item) => String(item.sk).startsWith('DECISION#')).map((item) =>
    fromItem<RecordedDecision>(item),
  );
  return { request: fromItem<AccountRequestRecord>(request), decisions };
}

/** Stores the workflow's current callback token; it never leaves the server side. */
export async function storeTaskToken(requestId: string, taskToken: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: requestKey(requestId),
      UpdateExpression: 'SET taskToken = :t',
      ExpressionAttributeValues: { ':t': taskToken },
    }),
  );
}

export async function getTaskToken(requestId: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: table(),
      Key: requestKey(requestId),
      ProjectionExpression: 'taskToken',
      ConsistentRead: true,
    }),
  );
  return Item?.taskToken as string | undefined;
}

/** Records which slots have been asked, and reminder/escalation progress, idempotently. */
export async function updateProgress(
  requestId: string,
  changes: { askedSlots?: number[]; escalated?: boolean; lastReminderAt?: string },
): Promise<void> {
  const sets: string[] = [];
  const values: Record<string, unknown> = { ':pending': 'pending' };
  if (changes.askedSlots) {
    sets.push('askedSlots = :asked');
    values[':asked'] = changes.askedSlots;
  }
  if (changes.escalated !== undefined) {
    sets.push('escalated = :esc');
    values[':esc'] = changes.escalated;
  }
  if (changes.lastReminderAt) {
    sets.push('lastReminderAt = :rem');
    values[':rem'] = changes.lastReminderAt;
  }
  if (sets.length === 0) return;
  await dynamo()
    .send(
      new UpdateCommand({
        TableName: table(),
        Key: requestKey(requestId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: values,
      }),
    )
    .catch((error: Error) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
}

/**
 * Spends the link and appends the decision in one transaction: the link must still be open, match
 * the token hash and be unexpired, and the request must still be pending. Of concurrent decisions
 * on one link exactly one commits; the others get 409.
 */
export async function recordDecision(
  link: DecisionLink,
  presentedHash: string,
  decision: Decision,
  comment: string,
  decidedAt: string,
): Promise<RecordedDecision> {
  const recorded: RecordedDecision = {
    approvalId: link.approvalId,
    slot: link.slot,
    role: link.role,
    approverId: link.holderId,
    ...(link.onBehalfOf ? { onBehalfOf: link.onBehalfOf } : {}),
    decision,
    comment,
    decidedAt,
  };
  const requestId = link.subject.id;
  try {
    await transactWithAudit(
      [
        spendLink(link, presentedHash, decidedAt),
        {
          ConditionCheck: {
            TableName: table(),
            Key: requestKey(requestId),
            ConditionExpression: '#s = :pending',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':pending': 'pending' },
          },
        },
        {
          Put: {
            TableName: table(),
            Item: {
              pk: `REQUEST#${requestId}`,
              sk: `DECISION#${decidedAt}#${link.approvalId}`,
              type: 'decision',
              ...recorded,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      [
        {
          subject: `REQUEST#${requestId}`,
          action: `approval.${decision}`,
          actorId: link.holderId,
          at: decidedAt,
          details: {
            approvalId: link.approvalId,
            role: link.role,
            ...(link.onBehalfOf ? { onBehalfOf: link.onBehalfOf } : {}),
          },
        },
      ],
    );
  } catch (error) {
    const [linkCode, requestCode] = cancellationCodes(error);
    if (linkCode === 'ConditionalCheckFailed') throw await spendFailure(link, decidedAt);
    if (requestCode === 'ConditionalCheckFailed')
      throw new ConflictError('This request is no longer waiting for decisions.', 'RequestClosed');
    throw error;
  }
  return recorded;
}

/**
 * Moves a pending request to a final status (once: false when it was already closed) and frees
 * its TN-04 claim unless the claim passes to the new account.
 */
export async function closeRequest(
  requestId: string,
  status: Exclude<RequestStatus, 'pending'>,
  at: string,
  actorId: string,
  reason?: string,
): Promise<boolean> {
  const found = await getRequest(requestId);
  if (found?.request.status !== 'pending') return false;
  const { request } = found;
  try {
    await transactWithAudit(
      [
        {
          Update: {
            TableName: table(),
            Key: requestKey(requestId),
            UpdateExpression: 'SET #s = :status, closedAt = :at, closedReason = :reason REMOVE gsi2pk, gsi2sk',
            ConditionExpression: '#s = :pending',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':status': status,
              ':at': at,
              ':reason': reason ?? status,
              ':pending': 'pending',
            },
          },
        },
        ...(request.uniquenessKey && status !== 'approved'
          ? [
              {
                Delete: {
                  TableName: table(),
                  Key: uniqueKey(request.uniquenessKey),
                  ConditionExpression: 'holder = :holder',
                  ExpressionAttributeValues: { ':holder': `REQUEST#${requestId}` },
                },
              },
            ]
          : []),
      ],
      [
        {
          subject: `REQUEST#${requestId}`,
          action: `account-request.${status}`,
          actorId,
          at,
          ...(reason ? { details: { reason } } : {}),
        },
      ],
    );
    return true;
  } catch (error) {
    if (cancellationCodes(error).includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

/** Links the approved request to the account created from it. */
export async function attachAccount(requestId: string, accountId: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: requestKey(requestId),
      UpdateExpression: 'SET accountId = :a',
      ExpressionAttributeValues: { ':a': accountId },
    }),
  );
  // A hold on the account keeps the request and decisions that created it (CT-06); once only, so a
  // retried task adds nothing, and not on a request written before records carried their retention.
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: requestKey(requestId),
        UpdateExpression: 'SET #r.holdKeys = list_append(#r.holdKeys, :k)',
        ConditionExpression: 'attribute_exists(#r) AND NOT contains(#r.holdKeys, :key)',
        ExpressionAttributeNames: { '#r': 'retention' },
        ExpressionAttributeValues: { ':k': [`ACCOUNT#${accountId}`], ':key': `ACCOUNT#${accountId}` },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/** Hands a request's TN-04 claim to the account created from it. */
export const uniquenessClaim = (key: string, holder: string) => ({
  Put: { TableName: table(), Item: { ...uniqueKey(key), type: 'uniqueness', holder } },
});

/** Pending requests created before `before`, oldest first (operations: stuck approvals). */
export async function pendingRequestsCreatedBefore(before: string): Promise<AccountRequestRecord[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :p AND gsi2sk < :before',
    ExpressionAttributeValues: { ':p': 'REQUEST-STATUS#pending', ':before': before },
  });
  return items.map((item) => fromItem<AccountRequestRecord>(item));
}

/** A requester's latest requests, newest first (the console's home, issue 18.5a); at most `limit`. */
export async function requestsBy(requesterId: string, limit: number): Promise<AccountRequestRecord[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': `REQUESTER#${requesterId}` },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => fromItem<AccountRequestRecord>(item));
}
