/**
 * The directory as the SCIM service provider keeps it (table `directory`). Access patterns beside
 * those of directory.ts:
 * - a SCIM user:            the person's item (pk STAFF#<id>, sk PROFILE) with its `scim` attributes;
 *                           listed through gsi1pk SCIM#User, gsi1sk <id> (a Query, never a Scan)
 * - uniqueness:             pk USERNAME#<lower-case userName> / EXTERNALID#<value> / GROUPNAME#<lower>,
 *                           sk UNIQUE, naming the owner; written in the same transaction as the owner
 * - a group:                pk GROUP#<id>, sk PROFILE; listed through gsi1pk SCIM#Group
 * - the group mapping:      pk GROUPMAP#<group displayName or id>, sk MAP -> roles, region, office;
 *                           listed through gsi1pk GROUPMAP, gsi1sk <group>
 * Every write is one transaction with conditions, so a refused request writes nothing and two racing
 * requests cannot both take a userName.
 */
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../auth/roles.ts';
import { tableName } from '../config.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { dynamo } from './clients.ts';
import type { MailState } from '../domain/mail-reach.ts';
import { mailIndexKeys, roleMembershipItem, roleMembershipKey, staffKey, unreachableCleared } from './directory.ts';
import { lookupChanged, lookupWrites } from './staff-lookup.ts';
import { cancellationCodes, fromItem } from './items.ts';
import { queryAll } from './query-all.ts';

/** What SCIM knows of a person beyond the directory's own fields, kept to answer GET as it was sent. */
export interface ScimUserAttributes {
  givenName?: string;
  familyName?: string;
  displayName?: string;
  title?: string;
  /** Enterprise extension attributes (department, division, organization, costCenter, employeeNumber). */
  enterprise: Record<string, string>;
  /** The manager's id as the client sent it; `supervisorId` is set from it when it names a person. */
  managerId?: string;
  created: string;
  lastModified: string;
  /** Set by DELETE: the resource is gone for SCIM; the record stays as evidence of the departure. */
  deletedAt?: string;
  /**
   * Set by the write that deactivated the person, until their departure is recorded (`departureId`):
   * a departure that failed half-way is recorded by the identity provider's next request.
   */
  departurePending?: boolean;
  departureId?: string;
}

/** A person the SCIM service provider manages. */
export type ScimUserRecord = StaffMember & { scim: ScimUserAttributes };

/** A SCIM group: membership gives roles through the group mapping. */
export interface ScimGroupRecord {
  groupId: string;
  displayName: string;
  externalId?: string;
  members: string[];
  created: string;
  lastModified: string;
}

/** What membership of a group gives; the agency manages it, not the identity provider. */
export interface GroupMapping {
  group: string;
  roles: Role[];
  region?: string;
  office?: string;
}

/** Thrown when a uniqueness item is taken: the caller answers 409 `uniqueness`. */
export class UniquenessConflict extends Error {
  override name = 'UniquenessConflict';
}

/** Thrown when a record changed between its read and the write: the client retries. */
export class ConcurrentChange extends Error {
  override name = 'ConcurrentChange';
}

const table = () => tableName('directory');
const uniqueKey = (kind: 'USERNAME' | 'EXTERNALID' | 'GROUPNAME', value: string) => ({
  pk: `${kind}#${kind === 'EXTERNALID' ? value : value.toLowerCase()}`,
  sk: 'UNIQUE',
});
const groupKey = (groupId: string) => ({ pk: `GROUP#${groupId}`, sk: 'PROFILE' });

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** The id owning a userName (case-insensitive), an externalId or a group name, if any. */
export async function ownerOf(kind: 'USERNAME' | 'EXTERNALID' | 'GROUPNAME', value: string) {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: uniqueKey(kind, value) }));
  return Item ? String(Item.owner) : undefined;
}

/** A person with their SCIM attributes, or undefined when SCIM never provisioned them. */
export async function getScimUser(staffId: string): Promise<ScimUserRecord | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: staffKey(staffId) }));
  return Item?.scim ? fromItem<ScimUserRecord>(Item) : undefined;
}

/** Every SCIM-provisioned person, in id order. */
export async function listScimUsers(): Promise<ScimUserRecord[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': 'SCIM#User' },
  });
  return items.map((item) => fromItem<ScimUserRecord>(item));
}

/** A group, or undefined. */
export async function getGroup(groupId: string): Promise<ScimGroupRecord | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: groupKey(groupId) }));
  return Item ? fromItem<ScimGroupRecord>(Item) : undefined;
}

/** Every group, in id order. */
export async function listGroups(): Promise<ScimGroupRecord[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': 'SCIM#Group' },
  });
  return items.map((item) => fromItem<ScimGroupRecord>(item));
}

/** The mapping of one group (by displayName, else id), if the agency made one. */
export async function getGroupMapping(group: string): Promise<GroupMapping | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: { pk: `GROUPMAP#${group}`, sk: 'MAP' } }),
  );
  return Item ? fromItem<GroupMapping>(Item) : undefined;
}

/** Records what membership of `group` gives. */
export async function putGroupMapping(mapping: GroupMapping): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: table(),
      Item: {
        pk: `GROUPMAP#${mapping.group}`,
        sk: 'MAP',
        type: 'group-mapping',
        gsi1pk: 'GROUPMAP',
        gsi1sk: mapping.group,
        ...mapping,
      },
    }),
  );
}

/** Records that the departure a deactivation called for exists now. */
export async function recordScimDeparture(staffId: string, departureId: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: staffKey(staffId),
      UpdateExpression: 'SET scim.departureId = :d REMOVE scim.departurePending',
      ExpressionAttributeValues: { ':d': departureId },
    }),
  );
}

/** A change of one person: the record before (absent on create) and after. */
export interface UserWrite {
  before?: ScimUserRecord;
  after: ScimUserRecord;
  /**
   * On create: a directory record of the same id that SCIM never managed (seeded before the identity
   * provider took over), which the identity provider now claims; its role memberships are replaced.
   */
  adopts?: StaffMember;
}

/** A change of one group: before (absent on create) and after (absent on delete). */
export interface GroupWrite {
  before?: ScimGroupRecord;
  after?: ScimGroupRecord;
}

/** The items that claim, move or free a uniqueness value. */
function uniqueness(
  kind: 'USERNAME' | 'EXTERNALID' | 'GROUPNAME',
  owner: string,
  before: string | undefined,
  after: string | undefined,
): TransactItem[] {
  const same = before !== undefined && after !== undefined && uniqueKey(kind, before).pk === uniqueKey(kind, after).pk;
  if (same) return [];
  return [
    ...(before !== undefined
      ? [
          {
            Delete: {
              TableName: table(),
              Key: uniqueKey(kind, before),
              ConditionExpression: '#o = :o',
              ExpressionAttributeNames: { '#o': 'owner' },
              ExpressionAttributeValues: { ':o': owner },
            },
          },
        ]
      : []),
    ...(after !== undefined
      ? [
          {
            Put: {
              TableName: table(),
              Item: { ...uniqueKey(kind, after), type: 'uniqueness', owner },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : []),
  ];
}

const hadMark = (record: (StaffMember & MailState) | undefined) => record?.mailUnreachable !== undefined;

/** The person's item and role memberships, moving the memberships that changed. */
function userItems({ before, after, adopts }: UserWrite): TransactItem[] {
  const gone = Boolean(after.scim.deletedAt);
  const item = {
    ...staffKey(after.staffId),
    type: 'staff',
    ...(gone ? {} : { gsi1pk: 'SCIM#User', gsi1sk: after.staffId, ...mailIndexKeys(after) }),
    ...after,
  };
  // A deactivated person keeps their roles on record (the leaver report reads them) but leaves the role
  // index, so no workflow picks them as an approver, director or supervisor any more.
  const indexed = after.active === false ? [] : after.roles;
  const newRoles = new Set(indexed);
  const oldRoles = (before?.roles ?? adopts?.roles ?? []).filter((role) => !newRoles.has(role));
  return [
    {
      Put: {
        TableName: table(),
        Item: item,
        ...(before
          ? {
              ConditionExpression: 'scim.lastModified = :seen',
              ExpressionAttributeValues: { ':seen': before.scim.lastModified },
            }
          : { ConditionExpression: adopts ? 'attribute_not_exists(scim)' : 'attribute_not_exists(pk)' }),
      },
    },
    ...(gone ? [] : uniqueness('USERNAME', after.staffId, before?.userName, after.userName)),
    ...(gone ? [] : uniqueness('EXTERNALID', after.staffId, before?.externalId, after.externalId)),
    ...(gone && before ? uniqueness('USERNAME', after.staffId, before.userName, undefined) : []),
    ...(gone && before ? uniqueness('EXTERNALID', after.staffId, before.externalId, undefined) : []),
    ...oldRoles.map((role) => ({ Delete: { TableName: table(), Key: roleMembershipKey(after.staffId, role) } })),
    ...indexed.map((role) => ({
      Put: { TableName: table(), Item: roleMembershipItem(after.staffId, role, after.region) },
    })),
    // The console's staff lookup (issue 18): only when what the person is found by changed.
    ...(lookupChanged(before ?? adopts, after, gone) ? lookupWrites(after, gone) : []),
    // Issue 19.1: a rewrite that ended the unreachable mark (a new address) takes them off the list.
    ...(hadMark(before ?? adopts) && !hadMark(after) ? [unreachableCleared(after.staffId)] : []),
  ];
}

/** The group's item and its name's uniqueness. */
function groupItems({ before, after }: GroupWrite): TransactItem[] {
  const id = (after ?? before)!.groupId;
  if (!after)
    return [
      {
        Delete: {
          TableName: table(),
          Key: groupKey(id),
          ConditionExpression: 'lastModified = :seen',
          ExpressionAttributeValues: { ':seen': before!.lastModified },
        },
      },
      ...uniqueness('GROUPNAME', id, before!.displayName, undefined),
    ];
  return [
    {
      Put: {
        TableName: table(),
        Item: { ...groupKey(id), type: 'group', gsi1pk: 'SCIM#Group', gsi1sk: id, ...after },
        ...(before
          ? { ConditionExpression: 'lastModified = :seen', ExpressionAttributeValues: { ':seen': before.lastModified } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    ...uniqueness('GROUPNAME', id, before?.displayName, after.displayName),
  ];
}

/**
 * Writes people and groups in one transaction. A taken userName, externalId or group name is a
 * `UniquenessConflict`; a record changed since it was read is retried by the caller.
 */
export async function writeDirectory(users: UserWrite[], groups: GroupWrite[] = []): Promise<void> {
  const uniquenessPuts: boolean[] = [];
  const items = [...groups.flatMap(groupItems), ...users.flatMap(userItems)];
  for (const item of items) uniquenessPuts.push(Boolean(item.Put && String(item.Put.Item?.type) === 'uniqueness'));
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes.some((code, i) => code === 'ConditionalCheckFailed' && uniquenessPuts[i]))
      throw new UniquenessConflict('A userName, externalId or group displayName is already taken.');
    if (codes.includes('ConditionalCheckFailed')) throw new ConcurrentChange('The resource changed meanwhile.');
    throw error;
  }
}
