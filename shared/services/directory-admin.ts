/**
 * Directory administration (issue 15.4): regions and their offices, the group mapping and machine
 * clients, managed through the API by `system-admin`. A mapping change rewrites the effective access
 * of the group's members before it answers, so authorization (one GetItem on the person) follows at
 * their next request. Every change is audited under the subject `DIRECTORY`; a PUT that changes
 * nothing writes nothing and audits nothing, so retries are harmless.
 */
import { appendAudit } from '../adapters/audit.ts';
import {
  type ClientRecord,
  deleteClient,
  deleteGroupMapping,
  listClients,
  listGroupMappings,
  listRegions,
  NotAClient,
  putClient,
} from '../adapters/directory-admin.ts';
import {
  ConcurrentChange,
  getGroup,
  getGroupMapping,
  getScimUser,
  type GroupMapping,
  ownerOf,
  putGroupMapping,
  type ScimUserRecord,
  writeDirectory,
} from '../adapters/directory-scim.ts';
import { getDirectoryEntry, getRegion, putRegion } from '../adapters/directory.ts';
import type { Caller } from '../auth/caller.ts';
import type { Role } from '../auth/roles.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Region } from '../schemas/staff.ts';
import { effectiveAccess } from './scim/effective.ts';
import { attributesOf } from './scim/user-resource.ts';

/** The audit subject of every change to the directory's shape. */
export const directorySubject = 'DIRECTORY';

/** JSON with object keys sorted: DynamoDB returns attributes in no particular order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

const audit = (caller: Caller, action: string, details: Record<string, unknown>) =>
  appendAudit({ subject: directorySubject, action, actorId: caller.id, at: new Date().toISOString(), details });

/** GET /regions. */
export const regions = async () => ({ regions: await listRegions() });

/** PUT /regions/{regionId}: the region and its offices as a whole; office ids unique within it. */
export async function saveRegion(caller: Caller, regionId: string, body: Omit<Region, 'regionId'>): Promise<Region> {
  const ids = body.offices.map((o) => o.officeId);
  const repeated = ids.find((officeId, i) => ids.indexOf(officeId) !== i);
  if (repeated)
    throw new ValidationError('Office ids must be unique within a region.', [
      { field: `offices.${ids.lastIndexOf(repeated)}.officeId`, message: `${repeated} appears twice.` },
    ]);
  const region: Region = { regionId, name: body.name, offices: body.offices };
  const before = await getRegion(regionId);
  if (before && same(before, region)) return before;
  await putRegion(region);
  await audit(caller, before ? 'region-updated' : 'region-created', { regionId, offices: ids });
  return region;
}

/** 400 unless `region` (and `office` within it) exist: a mapping must not place people nowhere. */
async function checkPlace(region: string | undefined, office: string | undefined): Promise<void> {
  if (office && !region)
    throw new ValidationError('An office needs its region.', [{ field: 'region', message: 'Required with office.' }]);
  if (!region) return;
  const known = await getRegion(region);
  if (!known)
    throw new ValidationError('Unknown region.', [{ field: 'region', message: `${region} is not a region.` }]);
  if (office && !known.offices.some((o) => o.officeId === office))
    throw new ValidationError('Unknown office.', [
      { field: 'office', message: `${office} is not an office of ${region}.` },
    ]);
}

/** The SCIM group ids a mapping key names: the group of that displayName, and the group of that id. */
async function groupsNamed(group: string): Promise<string[]> {
  const byName = await ownerOf('GROUPNAME', group);
  const byId = (await getGroup(group))?.groupId;
  return [...new Set([byName, byId].filter((id): id is string => id !== undefined))];
}

/** One member's effective access recomputed from the mapping as it is now; false when nothing changed. */
async function recomputeMember(staffId: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const person = await getScimUser(staffId);
    if (!person || person.scim.deletedAt) return false;
    const access = await effectiveAccess(attributesOf(person), person.groups ?? []);
    const after: ScimUserRecord = { ...person, ...access, scim: { ...person.scim } };
    if (!access.unit) delete after.unit;
    if (!access.supervisorId) delete after.supervisorId;
    if (same(after, person)) return false;
    after.scim.lastModified = new Date().toISOString();
    try {
      await writeDirectory([{ before: person, after }]);
      return true;
    } catch (error) {
      // The identity provider changed the person meanwhile: read again and recompute.
      if (!(error instanceof ConcurrentChange)) throw error;
    }
  }
  throw new ConflictError('A member of the group kept changing; repeat the request.', 'ConcurrentChange');
}

/**
 * Rewrites the effective access of every member of the groups `group` names. Idempotent: a repeat
 * after a failure half-way finishes the job, and members already right are left alone.
 */
export async function recomputeGroup(group: string): Promise<number> {
  const members = new Set<string>();
  for (const groupId of await groupsNamed(group))
    for (const m of (await getGroup(groupId))?.members ?? []) members.add(m);
  let changed = 0;
  for (const staffId of members) if (await recomputeMember(staffId)) changed++;
  return changed;
}

/** GET /directory/group-mappings. */
export const groupMappings = async () => ({ mappings: await listGroupMappings() });

/** PUT /directory/group-mappings/{group}: what membership gives; members' access follows at once. */
export async function saveGroupMapping(
  caller: Caller,
  group: string,
  body: { roles: Role[]; region?: string; office?: string },
) {
  await checkPlace(body.region, body.office);
  const mapping: GroupMapping = {
    group,
    roles: [...new Set(body.roles)],
    ...(body.region ? { region: body.region } : {}),
    ...(body.office ? { office: body.office } : {}),
  };
  const before = await getGroupMapping(group);
  if (!before || !same(before, mapping)) {
    await putGroupMapping(mapping);
    await audit(caller, before ? 'group-mapping-updated' : 'group-mapping-created', { ...mapping });
  }
  // Recomputed even when unchanged: a repeat finishes what a failure half-way left.
  return { mapping, recomputed: await recomputeGroup(group) };
}

/** DELETE /directory/group-mappings/{group}: members lose what it gave them. */
export async function removeGroupMapping(caller: Caller, group: string) {
  const removed = await deleteGroupMapping(group);
  if (removed) await audit(caller, 'group-mapping-deleted', { group });
  const recomputed = await recomputeGroup(group);
  if (!removed && recomputed === 0) throw new NotFoundError(`No mapping for group ${group}.`);
  return { mapping: null, recomputed };
}

const clientView = (client: ClientRecord) => ({
  clientId: client.staffId,
  name: client.name,
  email: client.email,
  roles: client.roles,
  regions: client.regions,
});

/** GET /directory/clients. */
export const clients = async () => ({ clients: (await listClients()).map(clientView) });

async function existingClient(clientId: string): Promise<ClientRecord | undefined> {
  const entry = await getDirectoryEntry(clientId);
  if (entry && entry.kind !== 'client')
    throw new ConflictError(`${clientId} is a person in the directory, not a machine client.`, 'NotAClient');
  return entry as ClientRecord | undefined;
}

/** PUT /directory/clients/{clientId}: a case system and the regions it serves (issue 15.3). */
export async function saveClient(
  caller: Caller,
  clientId: string,
  body: { name: string; regions: string[]; email?: string },
) {
  const served = [...new Set(body.regions)];
  const known = await Promise.all(served.map((r) => getRegion(r)));
  const unknown = served.filter((_, i) => !known[i]);
  if (unknown.length > 0)
    throw new ValidationError(
      'Unknown region.',
      unknown.map((r) => ({ field: `regions.${body.regions.indexOf(r)}`, message: `${r} is not a region.` })),
    );
  const before = await existingClient(clientId);
  const client: ClientRecord = {
    staffId: clientId,
    kind: 'client',
    name: body.name,
    // `.invalid` (RFC 2606) reaches no one: a client with no owner named is mailed nothing.
    email: body.email ?? before?.email ?? `${clientId}@clients.invalid`,
    roles: ['case-system'],
    region: served[0]!,
    office: before?.office ?? '',
    regions: served,
  };
  if (before && same(clientView(before), clientView(client)) && before.region === client.region)
    return clientView(before);
  try {
    await putClient(client, before);
  } catch (error) {
    if (error instanceof NotAClient)
      throw new ConflictError(`${clientId} is a person in the directory, not a machine client.`, 'NotAClient');
    throw error;
  }
  await audit(caller, before ? 'client-updated' : 'client-registered', { clientId, regions: served });
  return clientView(client);
}

/** DELETE /directory/clients/{clientId}: the client's next request is refused (401, it names no one). */
export async function removeClient(caller: Caller, clientId: string): Promise<void> {
  const before = await existingClient(clientId);
  if (!before) throw new NotFoundError(`No client ${clientId}.`);
  await deleteClient(before);
  await audit(caller, 'client-deleted', { clientId });
}
