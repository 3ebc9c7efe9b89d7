/** Test-side views of the local DynamoDB: item counts, to prove a refused request wrote nothing. */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Endpoints } from '../../local/runtime.ts';
import { tables } from '../../shared/tables.ts';

export function dynamoClient(endpoints: Endpoints): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: endpoints.aws.dynamodb,
    region: endpoints.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** Item count per table. Test code only: a Scan is never on a request path. */
export async function countItems(endpoints: Endpoints): Promise<Record<string, number>> {
  const client = dynamoClient(endpoints);
  const counts: Record<string, number> = {};
  for (const table of Object.values(tables)) {
    let count = 0;
    let cursor: Record<string, never> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: table.logicalId, Select: 'COUNT', ExclusiveStartKey: cursor }),
      );
      count += page.Count ?? 0;
      cursor = page.LastEvaluatedKey as never;
    } while (cursor);
    counts[table.logicalId] = count;
  }
  client.destroy();
  return counts;
}
