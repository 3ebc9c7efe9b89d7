/**
 * Test-side views of the local DynamoDB: item counts, to prove a refused request wrote nothing, and
 * directory records written as the identity provider's provisioning would (issue 15.3).
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DirectoryEntry } from '../../shared/auth/caller.ts';
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

/** Writes a person's directory record (the profile item authorization reads). */
export async function putDirectoryEntry(endpoints: Endpoints, entry: DirectoryEntry): Promise<void> {
  const client = DynamoDBDocumentClient.from(dynamoClient(endpoints));
  const item = { pk: `STAFF#${entry.staffId}`, sk: 'PROFILE', type: 'staff', ...entry };
  await client.send(new PutCommand({ TableName: tables.directory.logicalId, Item: item }));
  client.destroy();
}

/** A person's directory record as stored (the profile item authorization reads), or undefined. */
export async function getDirectoryEntry(endpoints: Endpoints, staffId: string): Promise<DirectoryEntry | undefined> {
  const client = DynamoDBDocumentClient.from(dynamoClient(endpoints));
  const { Item } = await client.send(
    new GetCommand({ TableName: tables.directory.logicalId, Key: { pk: `STAFF#${staffId}`, sk: 'PROFILE' } }),
  );
  client.destroy();
  return Item as DirectoryEntry | undefined;
}

/** Records a departure on a person's directory record, as HR's report does. */
export async function markDirectoryDeparted(endpoints: Endpoints, staffId: string): Promise<void> {
  const client = DynamoDBDocumentClient.from(dynamoClient(endpoints));
  await client.send(
    new UpdateCommand({
      TableName: tables.directory.logicalId,
      Key: { pk: `STAFF#${staffId}`, sk: 'PROFILE' },
      UpdateExpression: 'SET departedAt = :d',
      ExpressionAttributeValues: { ':d': new Date().toISOString() },
    }),
  );
  client.destroy();
}

/**
 * Removes a decision link from the holder index, as a link issued before that index existed
 * (issue 16.2): only the holder's directory record, read at decision time, can refuse it.
 */
export async function unindexLinkHolder(endpoints: Endpoints, approvalId: string): Promise<void> {
  const client = DynamoDBDocumentClient.from(dynamoClient(endpoints));
  await client.send(
    new UpdateCommand({
      TableName: tables.accounts.logicalId,
      Key: { pk: `APPROVAL#${approvalId}`, sk: 'LINK' },
      UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
    }),
  );
  client.destroy();
}

/** A subject's audit entries as stored, oldest first (a Query of one partition). */
export async function auditEntries(endpoints: Endpoints, subject: string): Promise<Array<Record<string, unknown>>> {
  const client = DynamoDBDocumentClient.from(dynamoClient(endpoints));
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: tables.audit.logicalId,
      KeyConditionExpression: 'pk = :s',
      ExpressionAttributeValues: { ':s': subject },
    }),
  );
  client.destroy();
  return Items;
}
