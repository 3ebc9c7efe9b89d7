/**
 * SCIM Groups: membership gives roles (and where mapped, region and office) through the group
 * mapping the agency manages. A change of membership rewrites each affected person's effective
 * access in the same transaction as the group, so authorization never sees one without the other.
 */
import { randomUUID } from 'node:crypto';
import {
  ConcurrentChange,
  getGroup,
  getScimUser,
  listGroups,
  ownerOf,
  type ScimGroupRecord,
  type ScimUserRecord,
  UniquenessConflict,
  type UserWrite,
  writeDirectory,
} from '../../adapters/directory-scim.ts';
import { effectiveAccess } from './effective.ts';
import { invalidSyntax, invalidValue, notFound, ScimError } from './errors.ts';
import { type FilterAttributes, matchesFilter, paging, parseFilter, termValue } from './filters.ts';
import { listResponse } from './list.ts';
import { type GroupAttributes, patchGroup, readOperations } from './patch.ts';
import { groupSchema } from './schemas.ts';
import { attributesOf, readString } from './user-resource.ts';

const uniqueness = () => new ScimError(409, 'A group with this displayName already exists.', 'uniqueness');

/** The SCIM Group resource; `members` left out when the client asked (Entra ID's excludedAttributes). */
export function groupResource(group: ScimGroupRecord, baseUrl: string, withMembers = true) {
  return {
    schemas: [groupSchema],
    id: group.groupId,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    ...(withMembers
      ? { members: group.members.map((id) => ({ value: id, $ref: `${baseUrl}/Users/${id}`, type: 'User' })) }
      : {}),
    meta: {
      resourceType: 'Group',
      created: group.created,
      lastModified: group.lastModified,
      location: `${baseUrl}/Groups/${group.groupId}`,
      version: `W/"${group.lastModified}"`,
    },
  };
}

/** A full Group resource (POST, PUT) as attributes. */
function readGroup(body: unknown): GroupAttributes {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidSyntax('The body must be a Group.');
  const group = body as Record<string, unknown>;
  if (Array.isArray(group.schemas) && !group.schemas.includes(groupSchema))
    throw invalidSyntax(`schemas must include ${groupSchema}.`);
  const displayName = readString(group.displayName, 'displayName');
  if (!displayName) throw invalidValue('displayName is required.');
  const members = group.members === undefined || group.members === null ? [] : group.members;
  if (!Array.isArray(members)) throw invalidValue('members must be a list.');
  const ids = members.map((m: Record<string, unknown> | null) => readString(m?.value, 'members.value'));
  if (ids.some((id) => !id)) throw invalidValue('Each member needs a value (a User id).');
  const externalId = readString(group.externalId, 'externalId');
  return { displayName, members: [...new Set(ids as string[])], ...(externalId ? { externalId } : {}) };
}

async function existing(groupId: string): Promise<ScimGroupRecord> {
  const group = await getGroup(groupId);
  if (!group) throw notFound(`Group ${groupId}`);
  return group;
}

/** The people whose membership changes, rewritten with their new groups and effective access. */
async function memberWrites(before: ScimGroupRecord | undefined, after: ScimGroupRecord | undefined) {
  const id = (after ?? before)!.groupId;
  const was = new Set(before?.members ?? []);
  const is = new Set(after?.members ?? []);
  // A rename can change which mapping applies, so every member is rewritten then.
  const everyone = after === undefined || before?.displayName !== after.displayName;
  const changed = [...new Set([...was, ...is])].filter((m) => everyone || was.has(m) !== is.has(m));
  const groups = new Map([[id, after]]);
  const now = new Date().toISOString();
  const writes: UserWrite[] = [];
  for (const staffId of changed) {
    const person = await getScimUser(staffId);
    if (!person || person.scim.deletedAt) {
      if (is.has(staffId)) throw invalidValue(`Member ${staffId} is not a User of this service provider.`);
      continue;
    }
    const memberOf = (person.groups ?? []).filter((g) => g !== id).concat(is.has(staffId) ? [id] : []);
    const access = await effectiveAccess(attributesOf(person), memberOf, groups);
    const updated: ScimUserRecord = {
      ...person,
      ...access,
      groups: memberOf,
      scim: { ...person.scim, lastModified: now },
    };
    if (!access.unit) delete updated.unit;
    if (!access.supervisorId) delete updated.supervisorId;
    writes.push({ before: person, after: updated });
  }
  return writes;
}

async function save(before: ScimGroupRecord | undefined, after: ScimGroupRecord | undefined): Promise<void> {
  try {
    await writeDirectory(await memberWrites(before, after), [
      { ...(before ? { before } : {}), ...(after ? { after } : {}) },
    ]);
  } catch (error) {
    if (error instanceof UniquenessConflict) throw uniqueness();
    if (error instanceof ConcurrentChange) throw new ScimError(409, 'The group or a member changed meanwhile; retry.');
    throw error;
  }
}

/** POST /Groups. */
export async function createGroup(body: unknown, baseUrl: string) {
  const attributes = readGroup(body);
  if (await ownerOf('GROUPNAME', attributes.displayName)) throw uniqueness();
  const now = new Date().toISOString();
  const group: ScimGroupRecord = { groupId: `grp-${randomUUID()}`, ...attributes, created: now, lastModified: now };
  await save(undefined, group);
  return groupResource(group, baseUrl);
}

/** GET /Groups/{id}. */
export async function readGroupResource(groupId: string, baseUrl: string, excluded = '') {
  return groupResource(await existing(groupId), baseUrl, !/\bmembers\b/i.test(excluded));
}

const member = { attribute: 'members', type: 'string', caseExact: true } as const;

/**
 * What GET /Groups filters on: displayName (how Entra ID and Okta find a group), externalId, and
 * `id and members`, Entra ID's question whether a user is a member.
 */
const groupFilters: FilterAttributes = {
  id: { attribute: 'id', type: 'string', caseExact: true },
  displayname: { attribute: 'displayName', type: 'string' },
  externalid: { attribute: 'externalId', type: 'string', caseExact: true },
  members: member,
  'members.value': member,
};

/** The groups `filter` selects: by id or displayName when it names one (GetItems), else among all groups. */
async function filterGroups(filter: string): Promise<ScimGroupRecord[]> {
  const terms = parseFilter(filter, groupFilters);
  const id = termValue(terms, 'id');
  const displayName = termValue(terms, 'displayName');
  let candidates: Array<ScimGroupRecord | undefined>;
  if (id !== undefined) candidates = [await getGroup(id)];
  else if (displayName !== undefined) {
    const owner = await ownerOf('GROUPNAME', displayName);
    candidates = owner ? [await getGroup(owner)] : [];
  } else candidates = await listGroups();
  const groupValue = (group: ScimGroupRecord, attribute: string) =>
    attribute === 'id' ? group.groupId : attribute === 'members' ? group.members : group[attribute as 'displayName'];
  return candidates.filter((g): g is ScimGroupRecord => !!g && matchesFilter(terms, (a) => groupValue(g, a)));
}

/** GET /Groups, with `filter` (eq joined by and; see groupFilters), paging and excludedAttributes=members. */
export async function listGroupResources(query: Record<string, string | undefined>, baseUrl: string) {
  const page = paging(query);
  const groups = query.filter ? await filterGroups(query.filter) : await listGroups();
  const withMembers = !/\bmembers\b/i.test(query.excludedAttributes ?? '');
  return listResponse(
    groups.map((g) => groupResource(g, baseUrl, withMembers)),
    page,
  );
}

/** PATCH /Groups/{id}: members added and removed (Entra ID, Okta), renamed; the group as stored. */
export async function patchGroupResource(groupId: string, body: unknown, baseUrl: string, excluded = '') {
  const operations = readOperations(body);
  const before = await existing(groupId);
  const changed = patchGroup(before, operations);
  const after: ScimGroupRecord = { ...before, ...changed, lastModified: new Date().toISOString() };
  if (!changed.externalId) delete after.externalId;
  await save(before, after);
  return groupResource(after, baseUrl, !/\bmembers\b/i.test(excluded));
}

/** PUT /Groups/{id}: the whole group replaced (Okta). */
export async function replaceGroup(groupId: string, body: unknown, baseUrl: string) {
  const before = await existing(groupId);
  const attributes = readGroup(body);
  const after: ScimGroupRecord = {
    groupId,
    ...attributes,
    created: before.created,
    lastModified: new Date().toISOString(),
  };
  await save(before, after);
  return groupResource(after, baseUrl);
}

/** DELETE /Groups/{id}: its members lose what it gave them. */
export async function deleteGroup(groupId: string): Promise<void> {
  await save(await existing(groupId), undefined);
}
