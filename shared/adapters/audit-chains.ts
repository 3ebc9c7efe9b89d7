/**
 * Reading the audit trail's hash chains whole (issue 21.3): the chain heads (one partition, so listing
 * every chain is a Query) and a chain's entries in sequence order from the chain index. For the sealing
 * job, the verifier and bundles; never a request path's per-entry read.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import type { ChainHead, ChainItem } from '../domain/audit-chain.ts';
import { dynamo } from './clients.ts';
import { queryAll } from './query-all.ts';

export { chainHead } from './audit.ts';

/** Every chain with its head, in chain order. */
export async function chainHeads(): Promise<Array<ChainHead & { chain: string }>> {
  const items = await queryAll({
    TableName: tableName('audit'),
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': 'CHAINS' },
    ConsistentRead: true,
  });
  return items.map((item) => ({ chain: item.sk as string, seq: item.seq as number, hash: item.hash as string }));
}

/** A chain's entries (tombstones included), oldest first, optionally from a sequence number on. */
export async function chainItems(chain: string, fromSeq = 1): Promise<ChainItem[]> {
  const items: ChainItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('audit'),
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :c AND gsi5sk >= :from',
        ExpressionAttributeValues: { ':c': `CHAIN#${chain}`, ':from': String(fromSeq).padStart(12, '0') },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as ChainItem[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
