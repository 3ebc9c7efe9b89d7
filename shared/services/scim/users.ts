/**
 * SCIM Users (RFC 7644 §3.3-3.6): the identity provider creates, finds, updates, deactivates and
 * deletes people. The resource id is the staffId: the client's externalId when it is usable and
 * free (so a token's subject maps to the person), else a new id; it never changes afterwards.
 * Deactivation and deletion are departures (deprovision.ts).
 */
import { randomUUID } from 'node:crypto';
import { getMailState, getStaffMember } from '../../adapters/directory.ts';
import { mailStateKept, type MailState } from '../../domain/mail-reach.ts';
import type { StaffMember } from '../../schemas/staff.ts';
import {
  ConcurrentChange,
  getScimUser,
  listScimUsers,
  ownerOf,
  recordScimDeparture,
  type ScimUserRecord,
  UniquenessConflict,
  writeDirectory,
} from '../../adapters/directory-scim.ts';
import { auditMarkCleared } from '../mail-reach.ts';
import { departOnDeprovisioning, identityProviderActor } from './deprovision.ts';
import { effectiveAccess } from './effective.ts';
import { notFound, ScimError } from './errors.ts';
import { type FilterAttributes, matchesFilter, paging, parseFilter, termValue } from './filters.ts';
import { listResponse } from './list.ts';
import { patchUser, readOperations } from './patch.ts';
import { enterpriseSchema } from './schemas.ts';
import { attributesOf, checkUser, readUser, type UserAttributes, userResource } from './user-resource.ts';

const usableId = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const uniqueness = () => new ScimError(409, 'A user with this userName or externalId already exists.', 'uniqueness');

/** A stored, not deleted, SCIM user or 404. */
async function existing(staffId: string): Promise<ScimUserRecord> {
  const record = await getScimUser(staffId);
  if (!record || record.scim.deletedAt) throw notFound(`User ${staffId}`);
  return record;
}

/**
 * The id a new person gets: their externalId when usable and free, else a fresh one. A directory
 * record of that id that SCIM never managed (seeded before the identity provider took over, with the
 * same email) is adopted rather than duplicated.
 */
async function assignId(
  attributes: UserAttributes,
): Promise<{ staffId: string; adopts?: Awaited<ReturnType<typeof getStaffMember>> }> {
  const { externalId } = attributes;
  if (!externalId || !usableId.test(externalId)) return { staffId: `stf-${randomUUID()}` };
  const existing = await getStaffMember(externalId);
  if (!existing) return { staffId: externalId };
  const unmanaged = !(await getScimUser(externalId));
  const samePerson = existing.email.toLowerCase() === (attributes.email ?? attributes.userName).toLowerCase();
  return unmanaged && samePerson ? { staffId: externalId, adopts: existing } : { staffId: `stf-${randomUUID()}` };
}

/** The record `attributes` make, given what was stored before (absent on create). */
async function toRecord(
  staffId: string,
  attributes: UserAttributes,
  groups: string[],
  before: ScimUserRecord | undefined,
  now: string,
): Promise<ScimUserRecord> {
  const access = await effectiveAccess(attributes, groups);
  const fullName = [attributes.givenName, attributes.familyName].filter(Boolean).join(' ');
  // Reactivation clears the departure mark of a deactivation, never one HR recorded, and restores no grant.
  const reactivated = before?.active === false && attributes.active;
  const departedAt = reactivated ? undefined : before?.departedAt;
  return {
    staffId,
    name: attributes.displayName ?? (fullName || attributes.userName),
    email: attributes.email ?? attributes.userName,
    ...access,
    ...(attributes.externalId ? { externalId: attributes.externalId } : {}),
    userName: attributes.userName,
    active: attributes.active,
    groups,
    source: 'scim',
    // Deactivation marks the person departed in the same write: their next reveal is refused at once.
    ...(!attributes.active ? { departedAt: departedAt ?? now } : departedAt ? { departedAt } : {}),
    scim: {
      ...(attributes.givenName ? { givenName: attributes.givenName } : {}),
      ...(attributes.familyName ? { familyName: attributes.familyName } : {}),
      ...(attributes.displayName ? { displayName: attributes.displayName } : {}),
      ...(attributes.title ? { title: attributes.title } : {}),
      enterprise: attributes.enterprise,
      ...(attributes.managerId ? { managerId: attributes.managerId } : {}),
      created: before?.scim.created ?? now,
      lastModified: now,
      ...(attributes.active ? {} : departureState(before)),
    },
  };
}

/**
 * Whether this write owes a departure: it deactivates someone active whose departure HR has not
 * recorded already, or an earlier deactivation's departure has not been recorded yet.
 */
function departureState(before: ScimUserRecord | undefined): Partial<ScimUserRecord['scim']> {
  if (!before) return {};
  if (before.active === false)
    return before.scim.departureId
      ? { departureId: before.scim.departureId }
      : before.scim.departurePending
        ? { departurePending: true }
        : {};
  return before.departedAt ? {} : { departurePending: true };
}

/**
 * Writes the change; a departure follows when it deactivated the person. The record keeps what SES
 * told of mail to the person, the unreachable mark only while the address stays (issue 19.1).
 */
async function save(
  before: ScimUserRecord | undefined,
  written: ScimUserRecord,
  adopts?: StaffMember,
): Promise<ScimUserRecord> {
  const previous =
    (before as (ScimUserRecord & MailState) | undefined) ?? (adopts && (await getMailState(adopts.staffId)));
  const { kept, cleared } = mailStateKept(previous, written.email);
  const { mailFeedback: _f, mailUnreachable: _u, ...rest } = written as ScimUserRecord & MailState;
  const after: ScimUserRecord = { ...rest, ...kept };
  try {
    await writeDirectory([{ ...(before ? { before } : {}), ...(adopts ? { adopts } : {}), after }]);
  } catch (error) {
    if (error instanceof UniquenessConflict) throw uniqueness();
    if (error instanceof ConcurrentChange) throw new ScimError(409, 'The user changed meanwhile; retry.');
    throw error;
  }
  if (cleared) await auditMarkCleared(after.staffId, cleared, identityProviderActor);
  if (after.scim.departurePending) {
    const departureId = await departOnDeprovisioning(after.staffId);
    await recordScimDeparture(after.staffId, departureId);
    const { departurePending: _done, ...scim } = after.scim;
    return { ...after, scim: { ...scim, departureId } };
  }
  return after;
}

/** POST /Users. */
export async function createUser(body: unknown, baseUrl: string) {
  const attributes = checkUser(readUser(body));
  if (await ownerOf('USERNAME', attributes.userName)) throw uniqueness();
  if (attributes.externalId && (await ownerOf('EXTERNALID', attributes.externalId))) throw uniqueness();
  const now = new Date().toISOString();
  const { staffId, adopts } = await assignId(attributes);
  const created = await toRecord(staffId, attributes, [], undefined, now);
  // An adopted record's departure stays on record: SCIM taking over the person undoes no departure.
  if (adopts?.departedAt) created.departedAt = adopts.departedAt;
  const record = await save(undefined, created, adopts);
  return userResource(record, baseUrl);
}

/** GET /Users/{id}. */
export async function readUserResource(staffId: string, baseUrl: string) {
  return userResource(await existing(staffId), baseUrl);
}

const text = (attribute: string, caseExact = false) => ({ attribute, type: 'string', caseExact }) as const;
const manager = text('manager', true);

/**
 * What GET /Users filters on: what Entra ID and Okta match users by (userName, externalId, the work
 * email), `active`, and `id and manager`, Entra ID's check of a manager before it changes one.
 */
const userFilters: FilterAttributes = {
  id: text('id', true),
  username: text('userName'),
  externalid: text('externalId', true),
  displayname: text('displayName'),
  active: { attribute: 'active', type: 'boolean' },
  emails: text('email'),
  'emails.value': text('email'),
  'emails.type': text('emailType'),
  manager,
  'manager.value': manager,
  [`${enterpriseSchema.toLowerCase()}:manager`]: manager,
  [`${enterpriseSchema.toLowerCase()}:manager.value`]: manager,
};

/** A person's value of a filter attribute; only the work email is kept, so every email is of type work. */
function userValue(record: ScimUserRecord, attribute: string): string | boolean | undefined {
  const values: Record<string, string | boolean | undefined> = {
    id: record.staffId,
    userName: record.userName ?? record.email,
    externalId: record.externalId,
    displayName: record.name,
    active: record.active !== false,
    email: record.email,
    emailType: 'work',
    manager: record.scim.managerId,
  };
  return values[attribute];
}

/**
 * The people `filter` selects: looked up by id, userName or externalId when it names one (a GetItem
 * each), else among the SCIM users' index (a Query, as the unfiltered list); every term then holds.
 */
async function filterUsers(filter: string): Promise<ScimUserRecord[]> {
  const terms = parseFilter(filter, userFilters);
  const id = termValue(terms, 'id');
  const userName = termValue(terms, 'userName');
  const externalId = termValue(terms, 'externalId');
  let candidates: Array<ScimUserRecord | undefined>;
  if (id !== undefined) candidates = [await getScimUser(id)];
  else if (userName !== undefined || externalId !== undefined) {
    const owner =
      userName !== undefined ? await ownerOf('USERNAME', userName) : await ownerOf('EXTERNALID', externalId!);
    candidates = owner ? [await getScimUser(owner)] : [];
  } else candidates = await listScimUsers();
  return candidates.filter(
    (r): r is ScimUserRecord => !!r && !r.scim.deletedAt && matchesFilter(terms, (a) => userValue(r, a)),
  );
}

/** GET /Users, with `filter` (eq joined by and; see userFilters) and paging. */
export async function listUsers(query: Record<string, string | undefined>, baseUrl: string) {
  const page = paging(query);
  const records = query.filter ? await filterUsers(query.filter) : await listScimUsers();
  return listResponse(
    records.map((r) => userResource(r, baseUrl)),
    page,
  );
}

/** PUT /Users/{id}: the whole resource replaced, as Okta updates and deactivates. */
export async function replaceUser(staffId: string, body: unknown, baseUrl: string) {
  const before = await existing(staffId);
  const attributes = checkUser(readUser(body));
  const after = await toRecord(staffId, attributes, before.groups ?? [], before, new Date().toISOString());
  return userResource(await save(before, after), baseUrl);
}

/** PATCH /Users/{id}: Entra ID's updates and deactivation. */
export async function patchUserResource(staffId: string, body: unknown, baseUrl: string) {
  const operations = readOperations(body);
  const before = await existing(staffId);
  const attributes = checkUser(patchUser(attributesOf(before), operations));
  const after = await toRecord(staffId, attributes, before.groups ?? [], before, new Date().toISOString());
  return userResource(await save(before, after), baseUrl);
}

/**
 * DELETE /Users/{id}: gone for SCIM (404 from now on, its userName free again), a departure for the
 * agency; the record stays as the departure's evidence.
 */
export async function deleteUser(staffId: string): Promise<void> {
  const before = await existing(staffId);
  const now = new Date().toISOString();
  const after: ScimUserRecord = {
    ...before,
    active: false,
    departedAt: before.departedAt ?? now,
    scim: { ...before.scim, lastModified: now, deletedAt: now, ...departureState(before) },
  };
  await save(before, after);
}
