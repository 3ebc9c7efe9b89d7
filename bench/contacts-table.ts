/** Reading and bulk-writing the contacts table directly, for setting up what the API is measured on. */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type BatchGetItemCommandOutput,
  type BatchWriteItemCommandOutput,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { contactCheckRequest } from '../shared/adapters/contact-checks.ts';
import { contactKey } from '../shared/adapters/contacts.ts';
import { tables } from '../shared/tables.ts';
import { approvedAccount, grant } from '../test/support/accounts.ts';
import { apiClient } from '../test/support/api.ts';
import type { Endpoints } from '../local/runtime.ts';

/** The contacts table's name in the local runtime (its CloudFormation logical id). */
export const contactsTable = tables.contacts.logicalId;
type Item = Record<string, AttributeValue>;

/** String attributes in DynamoDB's wire form: `{ pk: 'A' }` → `{ pk: { S: 'A' } }`. */
export const stringAttributes = (values: Record<string, string>): Item =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { S: value }]));

/** The BatchGetItem that recording a contact makes (shared/adapters/contact-checks.ts), in wire form, on the local tables. */
export function rawContactCheckRequest(
  accountId: string,
  workerId: string,
): Record<string, { Keys: Item[]; ConsistentRead?: boolean }> {
  const request = contactCheckRequest(accountId, workerId, {
    accounts: tables.accounts.logicalId,
    directory: tables.directory.logicalId,
  });
  return Object.fromEntries(
    Object.entries(request).map(([table, { Keys, ConsistentRead }]) => [
      table,
      { Keys: Keys.map(stringAttributes), ...(ConsistentRead ? { ConsistentRead } : {}) },
    ]),
  );
}

/** An approved account whose worker `stf-staff` holds a grant, so the case system may record contacts on it. */
export async function accountForContacts(endpoints: Endpoints): Promise<string> {
  const accountId = await approvedAccount(endpoints, { platform: 'facebook' });
  const granted = await grant(endpoints, accountId, 'stf-staff');
  if (granted.status !== 201) throw new Error(`grant refused: ${granted.status} ${granted.text}`);
  return accountId;
}

/**
 * Posts one contact as the case system, with an Idempotency-Key as a case system that retries
 * sends it; resolves with its id, or throws on anything but 201.
 */
export async function postContact(endpoints: Endpoints, body: unknown): Promise<string> {
  const response = await apiClient(endpoints).post('/contacts', {
    as: 'caseSystem',
    body,
    headers: { 'idempotency-key': randomUUID() },
  });
  if (response.status !== 201) throw new Error(`POST /contacts answered ${response.status}: ${response.text}`);
  return response.body.contactId as string;
}

/** The stored record items of `contactIds`, in that order, exactly as the API wrote them. */
export async function recordItems(client: DynamoDBClient, contactIds: readonly string[]): Promise<Item[]> {
  const byId = new Map<string, Item>();
  for (let start = 0; start < contactIds.length; start += 100) {
    let keys: Item[] | undefined = contactIds.slice(start, start + 100).map((id) => {
      const key = contactKey(id);
      return { pk: { S: key.pk }, sk: { S: key.sk } };
    });
    while (keys?.length) {
      const page: BatchGetItemCommandOutput = await client.send(
        new BatchGetItemCommand({ RequestItems: { [contactsTable]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of page.Responses?.[contactsTable] ?? []) byId.set(item.contactId!.S!, item);
      keys = page.UnprocessedKeys?.[contactsTable]?.Keys;
    }
  }
  return contactIds.map((id) => {
    const item = byId.get(id);
    if (!item) throw new Error(`No record item for ${id}`);
    return item;
  });
}

/** Writes `items` with BatchWriteItem, `concurrency` batches of 25 in flight, retrying what DynamoDB leaves unprocessed. */
export async function writeItems(client: DynamoDBClient, items: readonly Item[], concurrency = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const batch = items.slice(next, next + 25);
      next += 25;
      let requests: WriteRequest[] | undefined = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests?.length) {
        const result: BatchWriteItemCommandOutput = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [contactsTable]: requests } }),
        );
        requests = result.UnprocessedItems?.[contactsTable];
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
