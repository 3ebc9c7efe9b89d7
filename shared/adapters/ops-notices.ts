/**
 * What operations must hear about and the status page lists (table `accounts`), issue 19: waits that
 * ran out (19.2) and mail that did not reach a person (19.1). Access pattern:
 * - notices of a kind, newest first: pk OPSNOTICE#<kind>, sk <time>#<id>
 * - each notice's id, so a retry at a later time is the same notice: pk OPSNOTICEID#<kind>#<id>, sk ID
 * A handful a week, so one partition per kind holds them; each is kept 90 days, then removed by TTL.
 * Notices carry identifiers and outcomes, never a secret, a token or case detail.
 */
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import { dynamo } from './clients.ts';
import { conditionFailedAt, fromItem } from './items.ts';

export type OpsNoticeKind = 'wait-timed-out' | 'mail-feedback';

export interface OpsNotice {
  kind: OpsNoticeKind;
  /** Unique per event, so a retried write is the same notice (idempotent). */
  noticeId: string;
  at: string;
  /** What it concerns: `REQUEST#…`, `ACCOUNT#…`, `STAFF#…`. */
  subject: string;
  summary: string;
  details?: Record<string, unknown>;
}

const keep = 90 * 86_400;

/**
 * Records a notice once per id: a retried step writes it again at a later time, so the id, not the
 * time, decides. Answers whether it was new, so a caller mails operations only the first time.
 */
export async function putOpsNotice(notice: OpsNotice): Promise<boolean> {
  const ttl = Math.floor(Date.parse(notice.at) / 1000) + keep;
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName('accounts'),
              Item: { pk: `OPSNOTICEID#${notice.kind}#${notice.noticeId}`, sk: 'ID', at: notice.at, ttl },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName('accounts'),
              Item: {
                pk: `OPSNOTICE#${notice.kind}`,
                sk: `${notice.at}#${notice.noticeId}`,
                type: 'ops-notice',
                ttl,
                ...notice,
              },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
}

/** The newest notices of a kind since `since`, newest first. */
export async function recentOpsNotices(kind: OpsNoticeKind, since: string, limit = 50): Promise<OpsNotice[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('accounts'),
      KeyConditionExpression: 'pk = :pk AND sk >= :since',
      ExpressionAttributeValues: { ':pk': `OPSNOTICE#${kind}`, ':since': since },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => fromItem<OpsNotice>(item));
}
