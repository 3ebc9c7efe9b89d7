/**
 * The directory's shape as system-admin manages it (issue 15.4), beside directory.ts and
 * directory-scim.ts. Access patterns:
 * - regions:           gsi1pk REGION, gsi1sk <regionId> (putRegion in directory.ts writes the keys)
 * - the group mapping: gsi1pk GROUPMAP, gsi1sk <group> (putGroupMapping in directory-scim.ts)
 * - machine clients:   their record (pk STAFF#<id>, sk PROFILE, kind 'client') with gsi1pk CLIENT,
 *                      gsi1sk <id>, and a role membership per role like a person's
 * All listings are Queries of one index partition, never a Scan.
 */
import { DeleteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DirectoryEntry } from '../auth/caller.ts';
import { tableName } from '../config.ts';
import type { Region } from '../schemas/staff.ts';
import type { GroupMapping } from './directory-scim.ts';
import { roleMembershipItem, roleMembershipKey, staffKey } from './directory.ts';
import { dynamo } from './clients.ts';
import { cancellationCodes, fromItem } from './items.ts';
import { queryAll } from './query-all.ts';

const table = () => tableName('directory');

/** A machine client's directory record: a case system and the regions it serves (issue 15.3). */
export type ClientRecord = DirectoryEntry & { kind: 'client'; regions: string[] };

/** Thrown when a client id is a person's: registering it would change who that person is. */
export class NotAClient extends Error {
  override name = 'NotAClient';
}

const partition = async (key: string) =>
  queryAll({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': key },
  });

/** Every region, in id order. */
export async function listRegions(): Promise<Region[]> {
  return (await partition('REGION')).map((item) => fromItem<Region>(item));
}

/** Every group mapping, in group order. */
export async function listGroupMappings(): Promise<GroupMapping[]> {
  return (await partition('GROUPMAP')).map((item) => fromItem<GroupMapping>(item));
}

/** Removes a group's mapping; true when there was one. */
export async function deleteGroupMapping(group: string): Promise<boolean> {
  const { Attributes } = await dynamo().send(
    new DeleteCommand({ TableName: table(), Key: { pk: `GROUPMAP#${group}`, sk: 'MAP' }, ReturnValues: 'ALL_OLD' }),
  );
  return Attributes !== undefined;
}

/** Every registered machine client, in id order. */
export async function listClients(): Promise<ClientRecord[]> {
  return (await partition('CLIENT')).map((item) => fromItem<ClientRecord>(item));
}

/**
 * Writes a client and its role memberships in one transaction; `before` is what was read (absent:
 * none). A record of that id that is a person's refuses the write (`NotAClient`).
 */
export async function putClient(client: ClientRecord, before: ClientRecord | undefined): Promise<void> {
  const dropped = (before?.roles ?? []).filter((role) => !client.roles.includes(role));
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table(),
              Item: { ...staffKey(client.staffId), type: 'staff', gsi1pk: 'CLIENT', gsi1sk: client.staffId, ...client },
              ConditionExpression: 'attribute_not_exists(pk) OR kind = :client',
              ExpressionAttributeValues: { ':client': 'client' },
            },
          },
          ...dropped.map((role) => ({ Delete: { TableName: table(), Key: roleMembershipKey(client.staffId, role) } })),
          ...client.roles.map((role) => ({
            Put: { TableName: table(), Item: roleMembershipItem(client.staffId, role, client.region) },
          })),
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)[0] === 'ConditionalCheckFailed') throw new NotAClient(client.staffId);
    throw error;
  }
}

/** Removes a client and its role memberships: its next request names no one (401). */
export async function deleteClient(client: ClientRecord): Promise<void> {
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Delete: {
            TableName: table(),
            Key: staffKey(client.staffId),
            ConditionExpression: 'kind = :client',
            ExpressionAttributeValues: { ':client': 'client' },
          },
        },
        ...client.roles.map((role) => ({
          Delete: { TableName: table(), Key: roleMembershipKey(client.staffId, role) },
        })),
      ],
    }),
  );
}
