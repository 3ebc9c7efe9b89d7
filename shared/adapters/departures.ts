/**
 * Staff departures (table `accounts`). Access patterns:
 * - a departure:            pk DEPARTURE#<id>, sk DEPARTURE
 * - a person's departures:  gsi1pk DEPARTURES#<staffId>, gsi1sk <reportedAt>
 * - open departures:        gsi2pk DEPARTURE-STATUS#open, gsi2sk <reportedAt> (operations)
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import { dynamo } from './clients.ts';
import { fromItem } from './items.ts';
import { queryAll } from './query-all.ts';

export interface Departure {
  departureId: string;
  staffId: string;
  standing: 'good' | 'bad';
  departedAt: string;
  reportedBy: string;
  reportedAt: string;
  status: 'awaiting-email-removal' | 'rotating' | 'completed' | 'reinstated';
  revokedGrants: string[];
  emailAccessRemovedAt?: string;
  rotations: Array<{ accountId: string; rotationId?: string; note?: string }>;
  /** What the departure voided at once: the leaver's open decision links and delegations (issue 16.2). */
  voided?: { links: number; delegations: number };
  /** What the leaver held that someone must take over (issue 16.2). */
  positions?: LeaverPosition[];
  /** HR reinstated a person recorded as departed in error (issue 16.4). */
  reinstatedAt?: string;
  reinstatedBy?: string;
  reinstatedReason?: string;
  /** HR's corrections of the standing (issue 15.2). */
  standingCorrections?: StandingCorrection[];
}

export interface StandingCorrection {
  from: 'good' | 'bad';
  to: 'good' | 'bad';
  by: string;
  at: string;
  reason: string;
}

/** A position a leaver held, flagged for reassignment. */
export type LeaverPosition =
  | { kind: 'administrator' | 'backup-administrator'; accountId: string; region: string }
  | { kind: 'approval-step'; requestId: string; slot: number; role: string; region: string };

const table = () => tableName('accounts');
const key = (departureId: string) => ({ pk: `DEPARTURE#${departureId}`, sk: 'DEPARTURE' });
const strip = (item: Record<string, unknown>) => fromItem<Departure>(item);

export async function putDeparture(departure: Departure): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...key(departure.departureId),
        type: 'departure',
        ...departure,
        gsi1pk: `DEPARTURES#${departure.staffId}`,
        gsi1sk: departure.reportedAt,
        gsi2pk: 'DEPARTURE-STATUS#open',
        gsi2sk: departure.reportedAt,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getDeparture(departureId: string): Promise<Departure | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: key(departureId), ConsistentRead: true }),
  );
  return Item ? strip(Item) : undefined;
}

/** TN-10: HR or IT says the person's email access is gone (once; false if already recorded). */
export async function recordEmailAccessRemoved(departureId: string, at: string): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: key(departureId),
        UpdateExpression: 'SET emailAccessRemovedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(emailAccessRemovedAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

const conditionally = async (command: UpdateCommand): Promise<boolean> => {
  try {
    await dynamo().send(command);
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
};

/** The workflow's progress; a reinstated departure keeps its status (its workflow may still be finishing). */
export async function updateDeparture(
  departureId: string,
  change: { status: Departure['status']; rotations?: Departure['rotations'] },
): Promise<void> {
  await conditionally(
    new UpdateCommand({
      TableName: table(),
      Key: key(departureId),
      UpdateExpression:
        `SET #s = :s${change.rotations ? ', rotations = :r' : ''}` +
        `${change.status === 'completed' ? ' REMOVE gsi2pk, gsi2sk' : ''}`,
      ConditionExpression: 'attribute_not_exists(reinstatedAt)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': change.status, ...(change.rotations ? { ':r': change.rotations } : {}) },
    }),
  );
}

export async function storeDepartureToken(departureId: string, taskToken: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: key(departureId),
      UpdateExpression: 'SET taskToken = :t',
      ExpressionAttributeValues: { ':t': taskToken },
    }),
  );
}

export async function departureToken(departureId: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: table(),
      Key: key(departureId),
      ProjectionExpression: 'taskToken',
      ConsistentRead: true,
    }),
  );
  return Item?.taskToken as string | undefined;
}

/** Departures not yet completed, oldest first (operations). */
export async function openDepartures(): Promise<Departure[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :p',
    ExpressionAttributeValues: { ':p': 'DEPARTURE-STATUS#open' },
  });
  return items.map(strip);
}

/** Every departure recorded for a person, reinstated ones included. */
export async function departuresOf(staffId: string): Promise<Departure[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p',
    ExpressionAttributeValues: { ':p': `DEPARTURES#${staffId}` },
  });
  return items.map(strip);
}

/** Marks a departure recorded in error as reinstated (once; false if already). */
export async function markReinstated(departureId: string, by: string, at: string, reason: string): Promise<boolean> {
  return conditionally(
    new UpdateCommand({
      TableName: table(),
      Key: key(departureId),
      UpdateExpression:
        'SET #s = :s, reinstatedAt = :at, reinstatedBy = :by, reinstatedReason = :reason REMOVE gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(reinstatedAt)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': 'reinstated', ':at': at, ':by': by, ':reason': reason },
    }),
  );
}

/** Changes the standing from `from` to `to`, keeping the correction; false when it was not `from`. */
export async function recordStandingCorrection(departureId: string, correction: StandingCorrection): Promise<boolean> {
  return conditionally(
    new UpdateCommand({
      TableName: table(),
      Key: key(departureId),
      UpdateExpression:
        'SET standing = :to, standingCorrections = list_append(if_not_exists(standingCorrections, :none), :c)',
      ConditionExpression: 'standing = :from AND attribute_not_exists(reinstatedAt)',
      ExpressionAttributeValues: { ':to': correction.to, ':from': correction.from, ':none': [], ':c': [correction] },
    }),
  );
}
