/**
 * Incidents (table `accounts`). Access patterns:
 * - an incident:              pk INCIDENT#<id>, sk INCIDENT
 * - an account's incidents:   gsi1pk INCIDENTS#<accountId>, gsi1sk <reportedAt>
 * - open incidents by age:    gsi2pk INCIDENT-STATUS#open, gsi2sk <reportedAt> (operations)
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import { dynamo } from './clients.ts';
import { queryAll } from './query-all.ts';
import { retained } from './record-retention.ts';

export interface Incident {
  incidentId: string;
  accountId: string;
  region: string;
  type: 'inappropriate-activity' | 'suspected-abuse-or-neglect' | 'account-compromise' | 'other';
  description: string;
  observedAt: string;
  reportedBy: string;
  reportedAt: string;
  status: 'open' | 'notified' | 'closed';
  hotlineReport?: { reference: string; reportedAt: string; recordedBy: string };
  rotationId?: string;
}

const table = () => tableName('accounts');
const key = (incidentId: string) => ({ pk: `INCIDENT#${incidentId}`, sk: 'INCIDENT' });
const strip = (item: Record<string, unknown>): Incident => {
  const {
    pk: _p,
    sk: _s,
    gsi1pk: _g1,
    gsi1sk: _g1s,
    gsi2pk: _g2,
    gsi2sk: _g2s,
    type: _t,
    taskToken: _tt,
    retention: _r,
    gsi4pk: _g4,
    gsi4sk: _g4s,
    kind,
    ...rest
  } = item;
  return { ...rest, type: kind } as unknown as Incident;
};

export async function putIncident(incident: Incident): Promise<void> {
  const { type, ...rest } = incident;
  await dynamo().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...key(incident.incidentId),
        type: 'incident',
        kind: type,
        ...rest,
        gsi1pk: `INCIDENTS#${incident.accountId}`,
        gsi1sk: incident.reportedAt,
        // CT-06: kept for recordDays, and while a hold is on the incident's account.
        ...retained('incident', incident.incidentId, incident.reportedAt, [
          `ACCOUNT#${incident.accountId}`,
          `INCIDENT#${incident.incidentId}`,
        ]),
        ...(incident.status === 'open' ? { gsi2pk: 'INCIDENT-STATUS#open', gsi2sk: incident.reportedAt } : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getIncident(incidentId: string): Promise<Incident | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: key(incidentId), ConsistentRead: true }),
  );
  return Item ? strip(Item) : undefined;
}

/** Records what notification did: the status after it and any rotation it started. */
export async function recordNotified(
  incidentId: string,
  status: Incident['status'],
  rotationId?: string,
): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: key(incidentId),
      UpdateExpression:
        `SET #s = :s${rotationId ? ', rotationId = :r' : ''}` + `${status === 'open' ? '' : ' REMOVE gsi2pk, gsi2sk'}`,
      ConditionExpression: '#s <> :closed',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status, ':closed': 'closed', ...(rotationId ? { ':r': rotationId } : {}) },
    }),
  );
}

/** TN-14: the hotline report's reference closes the incident (once; false if already closed). */
export async function recordHotlineReport(
  incidentId: string,
  report: NonNullable<Incident['hotlineReport']>,
): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: key(incidentId),
        UpdateExpression: 'SET #s = :closed, hotlineReport = :r REMOVE gsi2pk, gsi2sk',
        ConditionExpression: '#s = :open AND kind = :abuse',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':closed': 'closed',
          ':open': 'open',
          ':abuse': 'suspected-abuse-or-neglect',
          ':r': report,
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function storeIncidentToken(incidentId: string, taskToken: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: key(incidentId),
      UpdateExpression: 'SET taskToken = :t',
      ExpressionAttributeValues: { ':t': taskToken },
    }),
  );
}

export async function incidentToken(incidentId: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: table(),
      Key: key(incidentId),
      ProjectionExpression: 'taskToken',
      ConsistentRead: true,
    }),
  );
  return Item?.taskToken as string | undefined;
}

/** Open incidents, oldest first (operations). */
/** Every incident of an account, oldest first (a records request, CT-06). */
export async function incidentsOfAccount(accountId: string): Promise<Incident[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p',
    ExpressionAttributeValues: { ':p': `INCIDENTS#${accountId}` },
  });
  return items.map(strip);
}

export async function openIncidents(): Promise<Incident[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :p',
    ExpressionAttributeValues: { ':p': 'INCIDENT-STATUS#open' },
  });
  return items.map(strip);
}
