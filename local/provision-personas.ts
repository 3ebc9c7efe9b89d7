/**
 * The personas of local/personas.ts provisioned as an identity provider would: through /scim/v2, in
 * the requests Microsoft Entra ID sends (find by userName, create, set the manager, find or create
 * each group, add its members). userName is the persona's email and externalId its id, so the
 * resource ids, and with them every persona's staff id, stay the ones tests use. Roles come from a
 * group per role and region from a group per region, through the agency's group mapping (written
 * directly, as the agency would through its own administration); office and unit from the
 * enterprise extension's `division` and `organization`.
 */
import type { Role } from '../shared/auth/roles.ts';
import { putGroupMapping } from '../shared/adapters/directory-scim.ts';
import type { StaffMember } from '../shared/schemas/staff.ts';
import { personas } from './personas.ts';

const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const enterpriseSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const groupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const patchSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The group whose members hold `role`. */
export const roleGroup = (role: Role) => `Official Accounts - ${role}`;
/** The group whose members work in `region`. */
export const regionGroup = (region: string) => `Official Accounts region - ${region}`;

/** A SCIM call as the identity provider makes it; answers status and parsed body. */
export type ScimCall = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> }>;

/** A client of `api`'s /scim/v2 presenting `token`. */
export function scimClient(api: string, token: string): ScimCall {
  return async (method, path, body) => {
    const response = await fetch(`${api}/scim/v2${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

const answered = async (call: ReturnType<ScimCall>, statuses: number[], what: string) => {
  const answer = await call;
  if (!statuses.includes(answer.status))
    throw new Error(`SCIM ${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
};

const filter = (attribute: string, value: string) => encodeURIComponent(`${attribute} eq "${value}"`);

/** POST /Users as Entra ID sends it (the Microsoft tutorial's request, with our persona's values). */
export function entraUser(member: StaffMember) {
  const [givenName, ...rest] = member.name.split(' ');
  return {
    schemas: [userSchema, enterpriseSchema],
    externalId: member.staffId,
    userName: member.email,
    active: true,
    displayName: member.name,
    emails: [{ primary: true, type: 'work', value: member.email }],
    meta: { resourceType: 'User' },
    name: { formatted: member.name, familyName: rest.join(' '), givenName },
    roles: [],
    [enterpriseSchema]: { division: member.office, ...(member.unit ? { organization: member.unit } : {}) },
  };
}

/** Finds the person by userName, creating them if absent; returns their id. */
export async function provisionUser(scim: ScimCall, member: StaffMember): Promise<string> {
  const found = await answered(scim('GET', `/Users?filter=${filter('userName', member.email)}`), [200], 'user query');
  const existing = (found.Resources as Array<{ id: string }>)[0];
  if (existing) return existing.id;
  const created = await answered(scim('POST', '/Users', entraUser(member)), [201], `create ${member.email}`);
  return String(created.id);
}

/** Finds a group by displayName (members excluded, as Entra ID asks), creating it if absent. */
export async function provisionGroup(scim: ScimCall, displayName: string): Promise<string> {
  const query = `/Groups?excludedAttributes=members&filter=${filter('displayName', displayName)}`;
  const found = await answered(scim('GET', query), [200], 'group query');
  const existing = (found.Resources as Array<{ id: string }>)[0];
  if (existing) return existing.id;
  const body = { schemas: [groupSchema], externalId: displayName, displayName, meta: { resourceType: 'Group' } };
  return String((await answered(scim('POST', '/Groups', body), [201], `create ${displayName}`)).id);
}

/** Entra ID's member add: one PATCH, op "Add", path "members". */
export async function addMembers(scim: ScimCall, groupId: string, memberIds: string[]): Promise<void> {
  const body = {
    schemas: [patchSchema],
    Operations: [{ op: 'Add', path: 'members', value: memberIds.map((value) => ({ value })) }],
  };
  await answered(scim('PATCH', `/Groups/${groupId}`, body), [200, 204], 'member add');
}

/** Entra ID's manager assignment: op "Add" on the enterprise extension's manager with the bare id. */
export async function setManager(scim: ScimCall, userId: string, managerId: string): Promise<void> {
  const body = {
    schemas: [patchSchema],
    Operations: [{ op: 'Add', path: `${enterpriseSchema}:manager`, value: managerId }],
  };
  await answered(scim('PATCH', `/Users/${userId}`, body), [200, 204], 'manager');
}

/** The agency's mapping: a group per role gives that role, a group per region places people there. */
export async function mapPersonaGroups(): Promise<void> {
  const members = Object.values(personas);
  const roles = new Set(members.flatMap((m) => m.roles));
  const regions = new Set(members.map((m) => m.region));
  await Promise.all([
    ...[...roles].map((role) => putGroupMapping({ group: roleGroup(role), roles: [role] })),
    ...[...regions].map((region) => putGroupMapping({ group: regionGroup(region), roles: [], region })),
  ]);
}

/** Provisions every persona through SCIM; the group mapping must be in place first. */
export async function provisionPersonas(scim: ScimCall, people: StaffMember[] = Object.values(personas)) {
  // People are independent of each other, so they go in parallel; group changes touch many, so go one by one.
  const ids = new Map(
    await Promise.all(people.map(async (m): Promise<[string, string]> => [m.staffId, await provisionUser(scim, m)])),
  );
  await Promise.all(
    people.flatMap((m) => (m.supervisorId ? [setManager(scim, ids.get(m.staffId)!, m.supervisorId)] : [])),
  );
  const groups = new Map<string, string[]>();
  const join = (group: string, id: string) => groups.set(group, [...(groups.get(group) ?? []), id]);
  for (const member of people) {
    for (const role of member.roles) join(roleGroup(role), ids.get(member.staffId)!);
    join(regionGroup(member.region), ids.get(member.staffId)!);
  }
  // Groups are created in parallel; adding members goes one group at a time, since each add recomputes
  // its members' access and one person sits in several groups.
  const groupIds = await Promise.all([...groups.keys()].map((displayName) => provisionGroup(scim, displayName)));
  for (const [index, memberIds] of [...groups.values()].entries()) await addMembers(scim, groupIds[index]!, memberIds);
  return ids;
}
