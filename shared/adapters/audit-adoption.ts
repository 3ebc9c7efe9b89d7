/**
 * Finding the audit entries that belong to no chain (issue 21, upgrading): those version 1 wrote. The
 * only Scan of the audit table, for the operator's one-off `npm run adopt-audit`; no function and no
 * request path calls it.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import { dynamo } from './clients.ts';

/** Every stored entry without chain attributes (chain heads excluded). */
export async function scanUnchainedEntries(): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: tableName('audit'),
        FilterExpression: 'attribute_not_exists(#chain) AND #pk <> :heads',
        ExpressionAttributeNames: { '#chain': 'chain', '#pk': 'pk' },
        ExpressionAttributeValues: { ':heads': 'CHAINS' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    found.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}
