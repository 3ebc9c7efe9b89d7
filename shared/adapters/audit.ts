/**
 * The audit trail (table `audit`, CT-10): append-only entries under the subject they concern.
 * - entries of a subject, oldest first: pk <SUBJECT>#<id>, sk <time>#<random>
 * - entries by an actor:               gsi1pk ACTOR#<id>, gsi1sk <time>
 * - entries by expiry day:            gsi4pk RETAIN#<day> (CT-06, shared/adapters/record-retention.ts)
 * - entries of a chain, in order:      gsi5pk CHAIN#<chain>, gsi5sk <seq, 12 digits> (issue 21.1)
 * - the head of each chain:            pk CHAINS, sk <chain> (seq and hash of its last entry)
 * Chains and hashing are shared/domain/audit-chain.ts.
 * Entries carry identifiers and outcomes, never a secret or a token.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { tableName } from '../config.ts';
import { type ChainHead, chainOf, genesisHash, hashOfItem, seqKey } from '../domain/audit-chain.ts';
import { dynamo } from './clients.ts';
import { cancellationCodes } from './items.ts';
import { retained } from './retained.ts';

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

const chainsPartition = 'CHAINS';
/** Generous, with backoff: 200 writers on one account's chain all get through (issue 21 test). */
const maxChainAttempts = 80;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The recorded head of a chain: the last entry's number and hash. */
export async function chainHead(chain: string): Promise<ChainHead | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName('audit'), Key: { pk: chainsPartition, sk: chain }, ConsistentRead: true }),
  );
  return Item ? { seq: Item.seq as number, hash: Item.hash as string } : undefined;
}

/**
 * The item of an audit entry, kept for the profile's auditRecordDays (CT-10, CT-06), longer while a hold
 * is on its subject or on an account, case or request its details name. JSON round trip first: what is
 * hashed must be exactly what DynamoDB gives back.
 */
function entryItem(entry: AuditEntry): Record<string, unknown> {
  const sk = `${entry.at}#${randomBytes(6).toString('base64url')}`;
  const holdKeys = [
    entry.subject,
    subjectIn(entry.details, 'accountId', 'ACCOUNT'),
    subjectIn(entry.details, 'caseId', 'CASE'),
    subjectIn(entry.details, 'requestId', 'REQUEST'),
  ];
  return JSON.parse(
    JSON.stringify({
      pk: entry.subject,
      sk,
      gsi1pk: `ACTOR#${entry.actorId}`,
      gsi1sk: entry.at,
      ...entry,
      ...retained('audit-entry', `${entry.subject}#${sk}`, entry.at, holdKeys),
    }),
  ) as Record<string, unknown>;
}

/** An item to link onto a chain: a new entry's, or one stored before chains existed (adopted, issue 21). */
interface Link {
  item: Record<string, unknown>;
  adopted?: boolean;
}

/**
 * The Puts of the entries, linked onto their chains' heads, and one conditional Put per chain's head.
 * `adopted` items of a chain are linked before that chain's new entries.
 */
async function chainedItems(
  entries: readonly AuditEntry[],
  adopted: ReadonlyMap<string, readonly Record<string, unknown>[]> = new Map(),
): Promise<TransactItem[]> {
  const links = new Map<string, Link[]>();
  for (const [chain, stored] of adopted)
    links.set(
      chain,
      stored.map((item) => ({ item, adopted: true })),
    );
  for (const entry of entries) {
    const chain = chainOf(entry.subject, entry.details);
    links.set(chain, [...(links.get(chain) ?? []), { item: entryItem(entry) }]);
  }
  const items: TransactItem[] = [];
  for (const [chain, chainLinks] of links) {
    const head = await chainHead(chain);
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? genesisHash;
    for (const { item, adopted: isAdopted } of chainLinks) {
      seq += 1;
      const linked = { ...item, chain, seq, prevHash, gsi5pk: `CHAIN#${chain}`, gsi5sk: seqKey(seq) };
      const hash = hashOfItem(linked);
      items.push({
        Put: {
          TableName: tableName('audit'),
          Item: { ...linked, hash },
          // A new entry's key is new; an adopted one must still be there, still unchained.
          ...(isAdopted
            ? {
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#chain)',
                ExpressionAttributeNames: { '#chain': 'chain' },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      });
      prevHash = hash;
    }
    items.push({
      Put: {
        TableName: tableName('audit'),
        Item: {
          pk: chainsPartition,
          sk: chain,
          type: 'chain-head',
          chain,
          seq,
          hash: prevHash,
          at: new Date().toISOString(),
        },
        // The head moves only from where this writer read it: a concurrent writer cannot fork the chain.
        ...(head
          ? { ConditionExpression: 'seq = :seq', ExpressionAttributeValues: { ':seq': head.seq } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    });
  }
  return items;
}

/** A Put of a new entry: not a chain head, not an adopted entry (whose key already exists). */
const isNewEntry = (item: TransactItem) =>
  item.Put?.Item?.type !== 'chain-head' && item.Put?.ConditionExpression === 'attribute_not_exists(pk)';

/** Raised when a chain stayed contended through every attempt; the caller's own write did not happen. */
export class AuditChainBusyError extends Error {
  override name = 'AuditChainBusyError';
}

/**
 * Writes the caller's items and the audit entries, chained (issue 21.1), in one transaction. The audit
 * items go last, so the caller's indexes into the cancellation reasons are unchanged. Only a lost race
 * on a chain head (nothing of the caller's own failed) retries, on the new head; a failed condition of
 * the caller's own items is thrown to the caller as before, untouched. `adopted`: stored entries of a
 * chain written before chains existed, linked before the new entries (tools/adopt-audit.ts).
 */
export async function transactWithAudit(
  own: readonly TransactItem[],
  entries: readonly AuditEntry[],
  adopted?: ReadonlyMap<string, readonly Record<string, unknown>[]>,
): Promise<Array<{ pk: string; sk: string }>> {
  for (let attempt = 1; ; attempt++) {
    const audit = await chainedItems(entries, adopted);
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: [...own, ...audit] }));
      return audit.filter(isNewEntry).map((item) => ({ pk: item.Put?.Item?.pk, sk: item.Put?.Item?.sk }));
    } catch (error) {
      const codes = cancellationCodes(error);
      const ownFailed = codes.slice(0, own.length).some((code) => code && code !== 'None');
      const chainLost = codes
        .slice(own.length)
        .some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict');
      const raced = !ownFailed && (chainLost || (error as Error).name === 'TransactionConflictException');
      if (!raced) throw error;
      if (attempt >= maxChainAttempts)
        throw new AuditChainBusyError('The audit chain stayed contended; nothing was written.');
      await setTimeout(Math.random() * Math.min(250, 5 * 2 ** Math.min(attempt, 6)));
    }
  }
}

/** Entries of one chain that one transaction carries (each one item, plus the head: under the 100-item limit). */
const maxBatch = 50;
const waiting = new Map<
  string,
  Array<{ entry: AuditEntry; resolve: (key: { pk: string; sk: string }) => void; reject: (error: unknown) => void }>
>();

/** Writes the chain's waiting entries, a batch per transaction, until none wait. */
async function drain(chain: string): Promise<void> {
  for (let queue = waiting.get(chain); queue && queue.length > 0; queue = waiting.get(chain)) {
    const batch = queue.splice(0, maxBatch);
    try {
      const keys = await transactWithAudit(
        [],
        batch.map((waiter) => waiter.entry),
      );
      for (const [index, waiter] of batch.entries()) waiter.resolve(keys[index]!);
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  }
  waiting.delete(chain);
}

/**
 * Appends one entry to its chain; the key it was stored under. Entries for one chain that arrive while
 * this process is writing to it go together in the next transaction (group commit): one process never
 * races itself for a head, and a busy account's reveals cost a few transactions, not one each. Other
 * processes (other Lambda instances) still race on the head's condition and retry.
 */
export function appendAudit(entry: AuditEntry): Promise<{ pk: string; sk: string }> {
  const chain = chainOf(entry.subject, entry.details);
  return new Promise((resolve, reject) => {
    const queue = waiting.get(chain);
    if (queue) {
      queue.push({ entry, resolve, reject });
      return;
    }
    waiting.set(chain, [{ entry, resolve, reject }]);
    void drain(chain);
  });
}

const entryOf = ({ subject, action, actorId, at, details }: Record<string, unknown>) =>
  ({ subject, action, actorId, at, ...(details ? { details } : {}) }) as AuditEntry;
/** Disposed entries keep their place in the chain (CT-06) but are no entry a reader is shown. */
const live = (item: Record<string, unknown>) => item.tombstone === undefined;

/** One page of a subject's trail, newest first (issue 19.3), between `from` and `to` inclusive. */
export async function auditPage(
  subject: string,
  options: { limit: number; after?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<{ entries: AuditEntry[]; lastKey: string | undefined }> {
  const items: Record<string, unknown>[] = [];
  // Sort keys are `<at>#<random base64url>`, and every base64url character sorts before `~`.
  const upper = options.to ? `${options.to}#~` : '~';
  const lower = options.from ?? '0';
  let startKey: Record<string, unknown> | undefined = options.after ? { pk: subject, sk: options.after } : undefined;
  let more = true;
  while (items.length < options.limit && more) {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('audit'),
        KeyConditionExpression: 'pk = :s AND sk BETWEEN :lower AND :upper',
        // Disposed entries keep their place in the chain but are no entry a reader is shown (CT-06).
        FilterExpression: 'attribute_not_exists(tombstone)',
        ExpressionAttributeValues: { ':s': subject, ':lower': lower, ':upper': upper },
        ScanIndexForward: false,
        Limit: options.limit - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
    more = startKey !== undefined;
  }
  const last = items.at(-1);
  return { entries: items.map(entryOf), lastKey: more && last ? (last.sk as string) : undefined };
}

/** A subject's first entries, oldest first. */
export async function auditTrail(subject: string, limit = 200): Promise<AuditEntry[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('audit'),
      KeyConditionExpression: 'pk = :s',
      ExpressionAttributeValues: { ':s': subject },
      Limit: limit,
    }),
  );
  return Items.filter(live).map(entryOf);
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
  return items.filter(live).map(entryOf);
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
  return items.filter(live).map(entryOf);
}
