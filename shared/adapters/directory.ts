/**
 * The staff directory (table `directory`). Access patterns:
 * - a person:                 pk STAFF#<id>, sk PROFILE
 * - people by role and region: gsi1pk ROLE#<role>#REGION#<region>, one membership item per role
 *   (pk STAFF#<id>, sk ROLE#<role>) because an index cannot key on a list attribute.
 * - a region and its offices:  pk REGION#<id>, sk PROFILE; listed through gsi1pk REGION, gsi1sk <id>
 * - a person by email address: gsi2pk MAIL#<address, lower case>, gsi2sk STAFF#<id> (SES feedback names
 *   addresses, issue 19.1); written on the person's item by every writer through mailIndexKeys
 * - people whose mail does not arrive: pk MAILUNREACHABLE, sk STAFF#<id> (issue 19.1), written with the
 *   person's mark (recordMailFeedback), removed with it (unreachableCleared); the status page lists them
 * Workflows read it to find directors, approvers and supervisors.
 */
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DirectoryEntry } from '../auth/caller.ts';
import type { Role } from '../auth/roles.ts';
import { tableName } from '../config.ts';
import { isUnreachable, type MailState, type MailUnreachable } from '../domain/mail-reach.ts';
import type { Region, StaffMember } from '../schemas/staff.ts';
import { dynamo } from './clients.ts';
import { conditionFailedAt, fromItem } from './items.ts';

export const staffKey = (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: 'PROFILE' });
const roleIndexKey = (role: Role, region: string) => `ROLE#${role}#REGION#${region}`;

/** The key of a person's membership item for `role` (one item per role, see the access patterns above). */
export const roleMembershipKey = (staffId: string, role: string) => ({ pk: `STAFF#${staffId}`, sk: `ROLE#${role}` });

/** The membership item that puts a person under `role` in `region` for findStaffByRole; every writer uses it. */
export const roleMembershipItem = (staffId: string, role: Role, region: string) => ({
  ...roleMembershipKey(staffId, role),
  type: 'role-membership',
  gsi1pk: roleIndexKey(role, region),
  gsi1sk: `STAFF#${staffId}`,
  staffId,
});

/** The index keys that find a person by their email address (see the access patterns above). */
export const mailIndexKeys = (member: { staffId: string; email?: string | undefined }) =>
  member.email ? { gsi2pk: `MAIL#${member.email.toLowerCase()}`, gsi2sk: `STAFF#${member.staffId}` } : {};

/** Writes a person and their role memberships in one transaction. */
export async function putStaffMember(member: StaffMember): Promise<void> {
  const table = tableName('directory');
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: { ...staffKey(member.staffId), type: 'staff', ...mailIndexKeys(member), ...member },
          },
        },
        ...member.roles.map((role) => ({
          Put: { TableName: table, Item: roleMembershipItem(member.staffId, role, member.region) },
        })),
      ],
    }),
  );
}

/** One person, or undefined when the directory does not know them. */
export async function getStaffMember(staffId: string): Promise<StaffMember | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName('directory'), Key: staffKey(staffId) }));
  return Item ? toStaffMember(Item) : undefined;
}

/** A role holder, and whether mail to their address is known not to arrive (issue 19.1). */
export interface RoleHolder {
  member: StaffMember;
  unreachable: boolean;
}

/** Everyone present holding `role` in `region`, with whether their mail arrives. */
async function holdersOf(role: Role, region: string): Promise<RoleHolder[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('directory'),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :key',
      ExpressionAttributeValues: { ':key': roleIndexKey(role, region) },
    }),
  );
  const items = await Promise.all(
    Items.map(async (membership) => {
      const key = staffKey(String(membership.staffId));
      return (await dynamo().send(new GetCommand({ TableName: tableName('directory'), Key: key }))).Item;
    }),
  );
  return items
    .filter((item): item is Record<string, unknown> => item !== undefined)
    .map((item) => ({
      member: toStaffMember(item),
      unreachable: isUnreachable(item as { email: string; mailUnreachable?: MailUnreachable }),
    }))
    .filter((holder) => isPresent(holder.member));
}

/** Everyone holding `role` in `region`, in a stable order. */
export async function findStaffByRole(role: Role, region: string): Promise<StaffMember[]> {
  return (await holdersOf(role, region)).map((holder) => holder.member);
}

/**
 * Whether the person is still with the agency: neither departed (POST /departures, which leaves an
 * identity provider's record active) nor deactivated. Nobody picks a leaver for anything (issue 16.2).
 */
export const isPresent = (member: StaffMember): boolean => !member.departedAt && member.active !== false;

/**
 * A person's or machine client's record with the fields authorization reads (kind, active, served
 * regions), which the API's StaffMember view does not show.
 */
export async function getDirectoryEntry(id: string): Promise<DirectoryEntry | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName('directory'), Key: staffKey(id) }));
  return Item ? fromItem<DirectoryEntry>(Item) : undefined;
}

/**
 * The person as the directory's readers see them: SCIM's own attributes stay with SCIM (directory-scim.ts),
 * the mail feedback with operations (recordMailFeedback).
 */
export const toStaffMember = (item: Record<string, unknown>) => {
  const {
    scim: _scim,
    mailFeedback: _mail,
    mailUnreachable: _unreachable,
    ...member
  } = fromItem<StaffMember & { scim?: unknown } & MailState>(item);
  return member as StaffMember;
};

/** What the person's record says of mail to them (issue 19.1): the latest feedback and the unreachable mark. */
export async function getMailState(staffId: string): Promise<(MailState & { email?: string }) | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName('directory'),
      Key: staffKey(staffId),
      ProjectionExpression: 'email, mailFeedback, mailUnreachable',
    }),
  );
  return Item as (MailState & { email?: string }) | undefined;
}

/** The people whose directory entry carries `email` (case-insensitive); normally one. */
export async function findStaffByEmail(email: string): Promise<StaffMember[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('directory'),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :key',
      ExpressionAttributeValues: { ':key': `MAIL#${email.toLowerCase()}` },
    }),
  );
  return Items.filter((item) => item.sk === 'PROFILE').map(toStaffMember);
}

/** SES feedback on mail to a person (issue 19.1): the latest, kept on their directory entry. */
export interface MailFeedback {
  kind: 'bounce' | 'complaint' | 'reject' | 'delay';
  /** SES's bounce type and subtype, complaint type or delay type. */
  type: string;
  at: string;
  feedbackId: string;
  messageId: string;
}

/** The key of a person's entry in the list of people whose mail does not arrive. */
const unreachableKey = (staffId: string) => ({ pk: 'MAILUNREACHABLE', sk: `STAFF#${staffId}` });

/**
 * The Delete that takes a person off the unreachable list when their rewrite ends the mark; every
 * writer of a person's address adds it to the same transaction (directory-scim.ts).
 */
export const unreachableCleared = (staffId: string) => ({
  Delete: { TableName: tableName('directory'), Key: unreachableKey(staffId) },
});

/**
 * Records feedback on the person's entry, and with it the unreachable mark when the feedback says the
 * address does not take our mail (`unreachable`), listing the person for operations in the same
 * transaction; false when this same feedback is recorded already (a redelivery), or when `address`, the
 * address the person was found by, is no longer theirs (feedback arriving after their address changed).
 */
export async function recordMailFeedback(
  staffId: string,
  feedback: MailFeedback,
  unreachable?: MailUnreachable,
  address?: string,
): Promise<boolean> {
  const table = tableName('directory');
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: staffKey(staffId),
              UpdateExpression: unreachable ? 'SET mailFeedback = :f, mailUnreachable = :u' : 'SET mailFeedback = :f',
              ConditionExpression:
                'attribute_exists(pk) AND (attribute_not_exists(mailFeedback) OR mailFeedback.feedbackId <> :id)' +
                (address ? ' AND email = :address' : ''),
              ExpressionAttributeValues: {
                ':f': feedback,
                ':id': feedback.feedbackId,
                ...(unreachable ? { ':u': unreachable } : {}),
                ...(address ? { ':address': address } : {}),
              },
            },
          },
          ...(unreachable
            ? [{ Put: { TableName: table, Item: { ...unreachableKey(staffId), type: 'mail-unreachable', staffId } } }]
            : []),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
}

/**
 * Ends the person's mark `mark` (operations fixed the mailbox) and takes them off the list, in one
 * transaction; false when that mark is no longer there (ended already, or replaced by a later one).
 */
export async function clearMailUnreachable(staffId: string, mark: MailUnreachable): Promise<boolean> {
  const table = tableName('directory');
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: staffKey(staffId),
              UpdateExpression: 'REMOVE mailUnreachable',
              ConditionExpression: 'mailUnreachable.feedbackId = :id',
              ExpressionAttributeValues: { ':id': mark.feedbackId },
            },
          },
          unreachableCleared(staffId),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
}

/** The people listed as unreachable, by id (a Query of one partition; a handful at most). */
export async function listedUnreachable(limit: number): Promise<string[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('directory'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'MAILUNREACHABLE' },
      Limit: limit,
    }),
  );
  return Items.map((item) => String(item.staffId));
}

/** Writes a region and its offices. */
export async function putRegion(region: Region): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName('directory'),
      Item: {
        pk: `REGION#${region.regionId}`,
        sk: 'PROFILE',
        type: 'region',
        gsi1pk: 'REGION',
        gsi1sk: region.regionId,
        ...region,
      },
    }),
  );
}

/** A region, or undefined when the directory does not know it. */
export async function getRegion(regionId: string): Promise<Region | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName('directory'), Key: { pk: `REGION#${regionId}`, sk: 'PROFILE' } }),
  );
  return Item ? fromItem<Region>(Item) : undefined;
}

export interface Delegation {
  delegationId: string;
  approverId: string;
  delegateId: string;
  from: string;
  to: string;
  createdAt: string;
  /** Set when the approver revokes it or either person departs; a revoked delegation routes nothing. */
  revokedAt?: string;
  revokedBy?: string;
}

/** Records that `delegateId` decides for `approverId` between `from` and `to`. */
export async function putDelegation(delegation: Delegation): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName('directory'),
      Item: {
        pk: `STAFF#${delegation.approverId}`,
        sk: `DELEGATION#${delegation.from}#${delegation.delegationId}`,
        type: 'delegation',
        // A delegate's delegations, so that their departure voids them too (issue 16.2).
        gsi1pk: `DELEGATE#${delegation.delegateId}`,
        gsi1sk: delegation.delegationId,
        ...delegation,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** The approver's delegate at `at`, if a delegation covers it (the latest-starting one wins). */
export async function activeDelegate(approverId: string, at: string): Promise<string | undefined> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('directory'),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':pk': `STAFF#${approverId}`, ':lo': 'DELEGATION#', ':hi': `DELEGATION#${at}~` },
      ScanIndexForward: false,
    }),
  );
  return Items.map((item) => item as unknown as Delegation).find((d) => !d.revokedAt && d.from <= at && at < d.to)
    ?.delegateId;
}

/** Every delegation `staffId` gave (as approver) and received (as delegate), revoked or not. */
export async function delegationsOf(staffId: string): Promise<{ given: Delegation[]; received: Delegation[] }> {
  const [given, received] = await Promise.all([
    dynamo().send(
      new QueryCommand({
        TableName: tableName('directory'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
        ExpressionAttributeValues: { ':pk': `STAFF#${staffId}`, ':d': 'DELEGATION#' },
      }),
    ),
    dynamo().send(
      new QueryCommand({
        TableName: tableName('directory'),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `DELEGATE#${staffId}` },
      }),
    ),
  ]);
  const strip = (items: Array<Record<string, unknown>> = []) => items.map((item) => fromItem<Delegation>(item));
  return { given: strip(given.Items), received: strip(received.Items) };
}

/** Revokes a delegation; false when it was already revoked. */
export async function revokeDelegation(delegation: Delegation, by: string, at: string): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName('directory'),
        Key: { pk: `STAFF#${delegation.approverId}`, sk: `DELEGATION#${delegation.from}#${delegation.delegationId}` },
        UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: { ':at': at, ':by': by },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Statewide roles (Communications, IT, Information Services, OPI, HR) are recorded under this region. */
export const statewideRegion = 'central';

/**
 * People holding `role` for `region`: the region's own first, else the statewide ones, leaving
 * out `exclude` (a requester never decides their own request).
 */
export async function findRoleHolders(
  role: Role,
  region: string,
  exclude: readonly string[] = [],
): Promise<StaffMember[]> {
  return (await findRoleHoldersWithReach(role, region, exclude)).map((holder) => holder.member);
}

/**
 * findRoleHolders with whether each holder's mail arrives (issue 19.1): the same people in the same
 * order, so choosing a reachable one among them never widens who may decide.
 */
export async function findRoleHoldersWithReach(
  role: Role,
  region: string,
  exclude: readonly string[] = [],
): Promise<RoleHolder[]> {
  const eligible = (holders: RoleHolder[]) =>
    holders
      .filter((h) => !exclude.includes(h.member.staffId))
      .sort((a, b) => a.member.staffId.localeCompare(b.member.staffId));
  const regional = eligible(await holdersOf(role, region));
  if (regional.length > 0 || region === statewideRegion) return regional;
  return eligible(await holdersOf(role, statewideRegion));
}

/** Undoes markDeparted for a person HR reinstates (issue 16.4). */
export async function clearDeparted(staffId: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName('directory'),
      Key: staffKey(staffId),
      UpdateExpression: 'REMOVE departedAt',
      ConditionExpression: 'attribute_exists(pk)',
    }),
  );
}

/** Records a departure on the person's directory entry; every later reveal is refused. */
export async function markDeparted(staffId: string, departedAt: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName('directory'),
      Key: staffKey(staffId),
      UpdateExpression: 'SET departedAt = :d',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':d': departedAt },
    }),
  );
}
