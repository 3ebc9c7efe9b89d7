/**
 * Finding people by the start of their name, surname or email, for the console's grant and request
 * forms (issue 18). Each person has up to three lookup items (pk STAFF#<id>, sk LOOKUP#NAME,
 * LOOKUP#SURNAME, LOOKUP#EMAIL) keyed in gsi1 as gsi1pk LOOKUP#<region>, gsi1sk <term>#<id>, so a
 * search is a Query with begins_with on one region's partition, never a Scan. The lookup items say
 * only who to read: every hit is checked against the person's own record, so someone who departed or
 * was deprovisioned is never returned, whichever writer last touched their lookup items.
 */
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { dynamo } from './clients.ts';
import { isPresent, staffKey, toStaffMember } from './directory.ts';

type Slot = 'NAME' | 'SURNAME' | 'EMAIL';
const slots: readonly Slot[] = ['NAME', 'SURNAME', 'EMAIL'];
/** Lookup terms are compared lower-cased, spaces collapsed: what people type. */
export const lookupTerm = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');
const lookupKey = (staffId: string, slot: Slot) => ({ pk: `STAFF#${staffId}`, sk: `LOOKUP#${slot}` });

/** The terms a person is found by, per slot; none for a machine client, a leaver or a deprovisioned person. */
function termsOf(member: StaffMember & { kind?: string }): Partial<Record<Slot, string>> {
  if (member.kind === 'client' || !isPresent(member)) return {};
  const name = lookupTerm(member.name);
  const words = name.split(' ');
  return {
    NAME: name,
    ...(words.length > 1 ? { SURNAME: words.slice(1).join(' ') } : {}),
    EMAIL: lookupTerm(member.email),
  };
}

/**
 * The writes that keep a person's lookup items in step with their record, for the writer's own
 * transaction: a Put per term (overwriting the slot), a Delete for each slot without one.
 */
export function lookupWrites(member: StaffMember & { kind?: string }, gone = false) {
  const terms = gone ? {} : termsOf(member);
  const table = tableName('directory');
  return slots.map((slot) => {
    const term = terms[slot];
    return term
      ? {
          Put: {
            TableName: table,
            Item: {
              ...lookupKey(member.staffId, slot),
              type: 'lookup',
              staffId: member.staffId,
              gsi1pk: `LOOKUP#${member.region}`,
              gsi1sk: `${term}#${member.staffId}`,
            },
          },
        }
      : { Delete: { TableName: table, Key: lookupKey(member.staffId, slot) } };
  });
}

/** Whether a directory write changes what a person is found by (so group-membership writes add no items). */
export function lookupChanged(
  before: (StaffMember & { kind?: string }) | undefined,
  after: StaffMember & { kind?: string },
  gone: boolean,
): boolean {
  if (!before || gone) return true;
  return JSON.stringify([termsOf(before), before.region]) !== JSON.stringify([termsOf(after), after.region]);
}

/** People of `region` whose name, surname or email starts with `prefix`, present ones only, by name. */
export async function findStaffByPrefix(region: string, prefix: string, limit: number): Promise<StaffMember[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('directory'),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `LOOKUP#${region}`, ':prefix': lookupTerm(prefix) },
      Limit: 100,
    }),
  );
  const ids = [...new Set(Items.map((item) => String(item.staffId)))].slice(0, 50);
  if (ids.length === 0) return [];
  const table = tableName('directory');
  const { Responses = {} } = await dynamo().send(
    new BatchGetCommand({ RequestItems: { [table]: { Keys: ids.map(staffKey) } } }),
  );
  return (Responses[table] ?? [])
    .map((item) => ({ ...toStaffMember(item), kind: item.kind as string | undefined }))
    .filter((member) => member.kind !== 'client' && isPresent(member) && member.region === region)
    .sort((a, b) => a.name.localeCompare(b.name) || a.staffId.localeCompare(b.staffId))
    .slice(0, limit);
}
