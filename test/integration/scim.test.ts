/**
 * The SCIM 2.0 service provider end to end (issue 15): the request sequences Microsoft Entra ID and
 * Okta document for their provisioning clients, sent in their shapes (capitalised ops, "False",
 * path-less values, PUT for everything), SCIM's error format for every refusal with nothing written,
 * and deprovisioning as a departure (TN-10): the next reveal is refused at once, open decision links
 * are void, and the rotation of every account the person could reveal starts without anyone.
 *
 * Sources of the shapes: Microsoft, "Tutorial: Develop and plan provisioning for a SCIM endpoint"
 * https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
 * ("SCIM protocol requests and responses"; its Example 4 and 5 for the manager), as in
 * github.com/MicrosoftDocs/azure-docs articles/active-directory/app-provisioning/; Okta, "Okta and SCIM
 * Version 2.0" https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20/ (github.com/okta/
 * okta-developer-docs packages/@okta/vuepress-site/docs/reference/scim/scim-20/index.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionGroup, roleGroup, type ScimCall, scimClient } from '../../local/provision-personas.ts';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient, approvalLinkIn, poll, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { countItems, getDirectoryEntry } from '../support/tables.ts';
import { tokenFor } from '../support/tokens.ts';

const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const groupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const enterpriseSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const patchSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const listSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let scim: ScimCall;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'scim' });
  api = apiClient(runtime.endpoints);
  scim = scimClient(runtime.endpoints.api, runtime.endpoints.tokens.scim!);
}, 120_000);
afterAll(() => runtime?.stop());

const patch = (...Operations: unknown[]) => ({ schemas: [patchSchema], Operations });
const eq = (attribute: string, value: string) => encodeURIComponent(`${attribute} eq "${value}"`);
const firstId = (list: Record<string, unknown>) => (list.Resources as Array<{ id: string }>)[0]!.id;
/** The person's record as the directory holds it (a departed person's /me is refused, so read the table). */
const directoryEntry = (staffId: string) => getDirectoryEntry(runtime.endpoints, staffId);
const filterBy = (expression: string) => encodeURIComponent(expression);
/** The departure a deprovisioning recorded, as HR reads it (the same record POST /departures makes). */
const departureOf = async (staffId: string) => {
  const entry = (await directoryEntry(staffId)) as { scim?: { departureId?: string } } | undefined;
  const departureId = entry?.scim?.departureId;
  expect(departureId, `a departure for ${staffId}`).toEqual(expect.any(String));
  return (await api.get(`/departures/${departureId}`, { as: 'hr' })).body;
};

describe('Microsoft Entra ID: the requests of its SCIM provisioning tutorial', () => {
  let userId: string;
  let groupId: string;

  it('POST /Users creates the user; its externalId becomes the staff id', async () => {
    const { status, body } = await scim('POST', '/Users', {
      schemas: [userSchema, enterpriseSchema],
      externalId: 'entra-0a21f0f2',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      [enterpriseSchema]: { department: 'smoky-mountain', division: 'blount' },
    });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({
      schemas: expect.arrayContaining([userSchema]),
      id: 'entra-0a21f0f2',
      externalId: 'entra-0a21f0f2',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      active: true,
      meta: { resourceType: 'User' },
    });
    userId = body.id as string;
    expect(await directoryEntry(userId)).toMatchObject({
      staffId: userId,
      email: 'Test_User_fd0ea19b@testuser.com',
      region: 'smoky-mountain',
      office: 'blount',
      roles: [],
      active: true,
    });
  });

  it('GET /Users?filter=userName eq finds it (case-insensitively) and an unknown name finds nothing', async () => {
    const found = await scim(
      'GET',
      `/Users?filter=${eq('userName', 'test_user_AB6490EE-1e48-479e-a20b-2d77186b5dd1')}`,
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ schemas: [listSchema], totalResults: 1, Resources: [{ id: userId }] });
    const none = await scim('GET', `/Users?filter=${eq('userName', 'non-existent user')}`);
    expect(none.body).toMatchObject({ schemas: [listSchema], totalResults: 0, Resources: [] });
    const byExternalId = await scim('GET', `/Users?filter=${eq('externalId', 'entra-0a21f0f2')}`);
    expect(byExternalId.body).toMatchObject({ totalResults: 1, Resources: [{ id: userId }] });
  });

  it('PATCH with capitalised Replace ops, a path-less value object and the manager as a bare id', async () => {
    const { status, body } = await scim(
      'PATCH',
      `/Users/${userId}`,
      patch(
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@testuser.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Replace', value: { displayName: 'Updated Display', 'name.givenName': 'Updated' } },
        { op: 'Add', path: `${enterpriseSchema}:manager`, value: 'stf-supervisor' },
      ),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      displayName: 'Updated Display',
      name: { givenName: 'Updated', familyName: 'updatedFamilyName' },
      emails: [{ value: 'updatedEmail@testuser.com', type: 'work' }],
      [enterpriseSchema]: { manager: { value: 'stf-supervisor' } },
    });
    expect(await directoryEntry(userId)).toMatchObject({
      email: 'updatedEmail@testuser.com',
      name: 'Updated Display',
      supervisorId: 'stf-supervisor',
    });
  });

  it('GET /Users with `and` and the work email filter (Entra ID: "Only eq and and filter operators")', async () => {
    const userName = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1';
    const both = await scim('GET', `/Users?filter=${filterBy(`userName eq "${userName}" and active eq true`)}`);
    expect(both.status, JSON.stringify(both.body)).toBe(200);
    expect(both.body).toMatchObject({ schemas: [listSchema], totalResults: 1, Resources: [{ id: userId }] });
    const inactive = await scim('GET', `/Users?filter=${filterBy(`userName eq "${userName}" and active eq false`)}`);
    expect(inactive.body).toMatchObject({ totalResults: 0, Resources: [] });
    const work = (email: string) => `/Users?filter=${filterBy(`emails[type eq "work"].value eq "${email}"`)}`;
    const byEmail = await scim('GET', work('UPDATEDEMAIL@testuser.com'));
    expect(byEmail.status, JSON.stringify(byEmail.body)).toBe(200);
    expect(byEmail.body).toMatchObject({ totalResults: 1, Resources: [{ id: userId }] });
    expect((await scim('GET', work('nobody@testuser.com'))).body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('the manager: queried with id and manager (Example 4), Add with path "manager" (Example 5), Remove', async () => {
    const asked = await scim('GET', `/Users?filter=${filterBy(`id eq "${userId}" and manager eq "stf-supervisor"`)}`);
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body).toMatchObject({ totalResults: 1, Resources: [{ id: userId }] });
    const set = await scim('PATCH', `/Users/${userId}`, {
      schemas: [patchSchema],
      Operations: [
        {
          op: 'Add',
          path: 'manager',
          value: [{ $ref: `${runtime.endpoints.api}/scim/v2/Users/stf-director`, value: 'stf-director' }],
        },
      ],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body[enterpriseSchema]).toMatchObject({ manager: { value: 'stf-director' } });
    expect((await directoryEntry(userId))?.supervisorId).toBe('stf-director');
    const removed = await scim(
      'PATCH',
      `/Users/${userId}`,
      patch({ op: 'Remove', path: `${enterpriseSchema}:manager` }),
    );
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body[enterpriseSchema]).not.toHaveProperty('manager');
    expect(await directoryEntry(userId)).not.toHaveProperty('supervisorId');
    const none = await scim('GET', `/Users?filter=${filterBy(`id eq "${userId}" and manager eq "stf-director"`)}`);
    expect(none.body).toMatchObject({ totalResults: 0 });
  });

  it('POST /Groups, found by displayName without members, then member Add and Remove give and take roles', async () => {
    const created = await scim('POST', '/Groups', {
      schemas: [groupSchema, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: roleGroup('staff'),
      meta: { resourceType: 'Group' },
    });
    // The runtime's own provisioning made this group already: SCIM says so, and nothing is written.
    expect(created.status).toBe(409);
    expect(created.body).toMatchObject({ schemas: [errorSchema], status: '409', scimType: 'uniqueness' });
    const found = await scim(
      'GET',
      `/Groups?excludedAttributes=members&filter=${eq('displayName', roleGroup('staff'))}`,
    );
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ displayName: roleGroup('staff') }] });
    expect(found.body.Resources).not.toEqual([expect.objectContaining({ members: expect.anything() })]);
    groupId = (found.body.Resources as Array<{ id: string }>)[0]!.id;
    // "Get Group": GET /Groups/{id}?excludedAttributes=members answers the group without its members.
    const got = await scim('GET', `/Groups/${groupId}?excludedAttributes=members`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ schemas: [groupSchema], id: groupId, displayName: roleGroup('staff') });
    expect(got.body).not.toHaveProperty('members');
    expect((await scim('GET', `/Groups/${groupId}`)).body.members).toEqual(expect.any(Array));

    // "Update Group [Add Members]": HTTP/1.1 204 No Content.
    const added = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [patchSchema],
      Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: userId }] }],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(204);
    expect(added.body).toEqual({});
    expect((await directoryEntry(userId))?.roles).toEqual(['staff']);
    // Membership asked as a filter on the group, the way Entra ID checks a reference attribute.
    const member = filterBy(`id eq "${groupId}" and members eq "${userId}"`);
    expect((await scim('GET', `/Groups?excludedAttributes=members&filter=${member}`)).body.totalResults).toBe(1);
    expect((await scim('GET', `/Users/${userId}`)).body.groups).toEqual([expect.objectContaining({ value: groupId })]);

    const removed = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [patchSchema],
      Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: userId }] }],
    });
    expect(removed.status).toBe(204);
    expect((await scim('GET', `/Groups?excludedAttributes=members&filter=${member}`)).body.totalResults).toBe(0);
    expect((await directoryEntry(userId))?.roles).toEqual([]);
    const group = await scim('GET', `/Groups/${groupId}`);
    expect(group.body.members).not.toContainEqual(expect.objectContaining({ value: userId }));
  });

  it('a new group: POST, rename with Replace displayName, DELETE', async () => {
    const created = await scim('POST', '/Groups', {
      schemas: [groupSchema, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group'],
      externalId: 'c4c3-4bc0',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ schemas: [groupSchema], displayName: 'displayName', members: [] });
    const id = created.body.id as string;
    const renamed = await scim(
      'PATCH',
      `/Groups/${id}`,
      patch({ op: 'Replace', path: 'displayName', value: 'renamed' }),
    );
    // "Update Group [Non-member attributes]": 204; asked for attributes, RFC 7644 §3.5.2 requires 200 and the group.
    expect(renamed.status).toBe(204);
    expect((await scim('GET', `/Groups/${id}`)).body).toMatchObject({ displayName: 'renamed' });
    const shown = await scim(
      'PATCH',
      `/Groups/${id}?attributes=displayName`,
      patch({ op: 'Replace', path: 'externalId', value: 'c4c3-4bc0-renamed' }),
    );
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ id, displayName: 'renamed', externalId: 'c4c3-4bc0-renamed' });
    expect((await scim('DELETE', `/Groups/${id}`)).status).toBe(204);
    expect((await scim('GET', `/Groups/${id}`)).status).toBe(404);
    expect((await scim('GET', `/Groups?filter=${eq('displayName', 'renamed')}`)).body.totalResults).toBe(0);
  });

  it('"Disable User" with the boolean false, verbatim, records the departure', async () => {
    const created = await scim('POST', '/Users', {
      schemas: [userSchema, enterpriseSchema],
      externalId: 'entra-7363c4ae',
      userName: 'Test_User_49dc1090-aada-4657-8434-4995c25a00f7',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_49dc1090@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'Larry Harris', familyName: 'Harris', givenName: 'Larry' },
      roles: [],
      [enterpriseSchema]: { department: 'smoky-mountain', division: 'blount' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const off = await scim('PATCH', `/Users/${id}`, {
      Operations: [{ op: 'Replace', path: 'active', value: false }],
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ schemas: expect.arrayContaining([userSchema]), id, active: false });
    expect(await directoryEntry(id)).toMatchObject({ active: false, departedAt: expect.any(String) });
    expect(await departureOf(id)).toMatchObject({ staffId: id, reportedBy: 'system:scim' });
  });

  it('PATCH active "False" deactivates (a departure); DELETE makes the user 404 and frees its userName', async () => {
    const off = await scim('PATCH', `/Users/${userId}`, patch({ op: 'Replace', path: 'active', value: 'False' }));
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect(await directoryEntry(userId)).toMatchObject({ active: false, departedAt: expect.any(String) });
    expect(await departureOf(userId)).toMatchObject({ staffId: userId, reportedBy: 'system:scim' });
    expect((await scim('DELETE', `/Users/${userId}`)).status).toBe(204);
    expect((await scim('GET', `/Users/${userId}`)).status).toBe(404);
    const again = await scim(
      'GET',
      `/Users?filter=${eq('userName', 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1')}`,
    );
    expect(again.body.totalResults).toBe(0);
  });
});

describe('Okta: the requests of its SCIM 2.0 protocol reference', () => {
  let userId: string;
  let groupId: string;
  let patchedId: string;
  const oktaUser = (overrides: Record<string, unknown> = {}) => ({
    schemas: [userSchema],
    userName: 'test.user@okta.local',
    name: { givenName: 'Test', familyName: 'User' },
    emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
    displayName: 'Test User',
    locale: 'en-US',
    externalId: '00ujl29u0le5T6Aj10h7',
    groups: [],
    password: '1mz050nq',
    active: true,
    ...overrides,
  });

  it('GET filter with paging, then POST /Users', async () => {
    const query = `/Users?filter=${eq('userName', 'test.user@okta.local')}&startIndex=1&count=100`;
    expect((await scim('GET', query)).body).toMatchObject({ totalResults: 0, startIndex: 1, Resources: [] });
    const created = await scim('POST', '/Users', oktaUser());
    expect(created.status).toBe(201);
    userId = created.body.id as string;
    expect(userId).toBe('00ujl29u0le5T6Aj10h7');
    expect(JSON.stringify(created.body)).not.toContain('1mz050nq');
  });

  it('PUT /Users/{id} replaces the profile; PUT with active false deactivates', async () => {
    const current = (await scim('GET', `/Users/${userId}`)).body;
    const updated = await scim('PUT', `/Users/${userId}`, {
      ...oktaUser({ name: { givenName: 'Another', familyName: 'User' }, displayName: 'Another User' }),
      id: userId,
      meta: current.meta,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: userId, displayName: 'Another User', name: { givenName: 'Another' } });
    const off = await scim('PUT', `/Users/${userId}`, { ...oktaUser({ active: false }), id: userId });
    expect(off.body.active).toBe(false);
    expect(await directoryEntry(userId)).toMatchObject({ active: false, departedAt: expect.any(String) });
    expect(await departureOf(userId)).toMatchObject({ staffId: userId, reportedBy: 'system:scim' });
  });

  it('"Deactivate Users": PATCH replace with the path-less value {active: false} records the departure', async () => {
    const created = await scim(
      'POST',
      '/Users',
      oktaUser({
        userName: 'patch.user@okta.local',
        emails: [{ primary: true, value: 'patch.user@okta.local', type: 'work' }],
        externalId: '00ujl29u0le5T6Aj10h8',
      }),
    );
    expect(created.status).toBe(201);
    patchedId = created.body.id as string;
    const off = await scim('PATCH', `/Users/${patchedId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ schemas: [userSchema], id: patchedId, userName: 'patch.user@okta.local' });
    expect(off.body.active).toBe(false);
    expect(await directoryEntry(patchedId)).toMatchObject({ active: false, departedAt: expect.any(String) });
    expect(await departureOf(patchedId)).toMatchObject({ staffId: patchedId, reportedBy: 'system:scim' });
  });

  it('POST /Groups, PATCH replace with a path-less value, add and remove members by filter, PUT, DELETE', async () => {
    const created = await scim('POST', '/Groups', { schemas: [groupSchema], displayName: 'Test SCIMv2', members: [] });
    expect(created.status).toBe(201);
    groupId = created.body.id as string;
    // Okta takes 200 with the group or "a HTTP 204 response, with no body returned"; the group is read back.
    const group = async () => (await scim('GET', `/Groups/${groupId}`)).body;
    const renamed = await scim(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'replace', value: { id: groupId, displayName: 'Test SCIMv2 renamed' } }),
    );
    expect(renamed.status).toBe(204);
    expect((await group()).displayName).toBe('Test SCIMv2 renamed');
    const added = await scim(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'add', path: 'members', value: [{ value: 'stf-staff3', display: 'staff3@agency.example' }] }),
    );
    expect(added.status).toBe(204);
    expect((await group()).members).toEqual([expect.objectContaining({ value: 'stf-staff3' })]);
    const removed = await scim(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'remove', path: 'members[value eq "stf-staff3"]' }),
    );
    expect(removed.status).toBe(204);
    expect((await group()).members).toEqual([]);
    const replaced = await scim('PUT', `/Groups/${groupId}`, {
      schemas: [groupSchema],
      id: groupId,
      displayName: 'Test SCIMv2',
      members: [{ value: 'stf-staff3' }],
    });
    expect(replaced.body).toMatchObject({ displayName: 'Test SCIMv2', members: [{ value: 'stf-staff3' }] });
    // "Update specific Group membership": one remove by filter and one add, in one request.
    const swapped = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'remove', path: 'members[value eq "stf-staff3"]' },
        { op: 'add', path: 'members', value: [{ value: patchedId, display: 'patch.user@okta.local' }] },
      ],
    });
    expect(swapped.status, JSON.stringify(swapped.body)).toBe(204);
    expect((await group()).members).toEqual([expect.objectContaining({ value: patchedId })]);
    expect((await directoryEntry('stf-staff3'))?.groups).not.toContain(groupId);
    expect((await directoryEntry(patchedId))?.groups).toEqual([groupId]);
    expect((await scim('DELETE', `/Groups/${groupId}`)).status).toBe(204);
    // The persona kept the roles its own groups give.
    expect((await directoryEntry('stf-staff3'))?.roles).toEqual(['staff']);
  });
});

describe('discovery documents', () => {
  it('ServiceProviderConfig, ResourceTypes and Schemas describe what is served', async () => {
    expect((await scim('GET', '/ServiceProviderConfig')).body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      bulk: { supported: false },
    });
    const types = (await scim('GET', '/ResourceTypes')).body;
    expect(types.Resources).toEqual([
      expect.objectContaining({
        id: 'User',
        schemaExtensions: [expect.objectContaining({ schema: enterpriseSchema })],
      }),
      expect.objectContaining({ id: 'Group' }),
    ]);
    const schemas = (await scim('GET', '/Schemas')).body;
    expect((schemas.Resources as Array<{ id: string }>).map((s) => s.id)).toEqual([
      userSchema,
      groupSchema,
      enterpriseSchema,
    ]);
    expect((await scim('GET', `/Schemas/${encodeURIComponent(userSchema)}`)).body.id).toBe(userSchema);
  });

  it('every URN is exact: Entra ID reads the group schema as urn:ietf:params:scim:schemas:core:2.0:Group', async () => {
    const resourceTypeSchema = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
    const types = (await scim('GET', '/ResourceTypes')).body;
    expect(types.schemas).toEqual([listSchema]);
    expect(types.Resources).toEqual([
      expect.objectContaining({ schemas: [resourceTypeSchema], id: 'User', endpoint: '/Users', schema: userSchema }),
      expect.objectContaining({ schemas: [resourceTypeSchema], id: 'Group', endpoint: '/Groups', schema: groupSchema }),
    ]);
    expect((types.Resources as Array<Record<string, unknown>>)[0]!.schemaExtensions).toEqual([
      { schema: enterpriseSchema, required: false },
    ]);
    for (const urn of [userSchema, groupSchema, enterpriseSchema]) {
      const schema = (await scim('GET', `/Schemas/${encodeURIComponent(urn)}`)).body;
      expect(schema).toMatchObject({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'], id: urn });
      expect((schema.meta as { location: string }).location).toMatch(new RegExp(`/scim/v2/Schemas/${urn}$`));
    }
    const config = (await scim('GET', '/ServiceProviderConfig')).body;
    expect(config.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig']);
  });
});

describe('refusals: SCIM error format, and nothing written', () => {
  let before: Record<string, number>;
  let staffBefore: Record<string, unknown>;
  beforeAll(async () => {
    before = await countItems(runtime.endpoints);
    staffBefore = (await scim('GET', '/Users/stf-staff2')).body;
  });
  afterAll(async () => {
    expect(await countItems(runtime.endpoints)).toEqual(before);
    expect((await scim('GET', '/Users/stf-staff2')).body).toEqual(staffBefore);
  });

  const refused = (answer: { status: number; body: Record<string, unknown> }, status: number, scimType?: string) => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.body).toMatchObject({ schemas: [errorSchema], status: String(status), detail: expect.any(String) });
    if (scimType) expect(answer.body.scimType).toBe(scimType);
  };

  it('no token or a wrong one: 401 in SCIM format; a staff token is not a SCIM token', async () => {
    const none = await fetch(`${runtime.endpoints.api}/scim/v2/Users`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/scim+json');
    expect(await none.json()).toMatchObject({ schemas: [errorSchema], status: '401' });
    refused(await scimClient(runtime.endpoints.api, 'wrong')('GET', '/Users'), 401);
    refused(await scimClient(runtime.endpoints.api, runtime.endpoints.tokens.director!)('GET', '/Users'), 401);
  });

  it('a taken userName (in any case) or externalId: 409 uniqueness', async () => {
    const user = (userName: string, externalId?: string) => ({
      schemas: [userSchema],
      userName,
      ...(externalId ? { externalId } : {}),
      emails: [{ type: 'work', value: 'someone@agency.example' }],
    });
    refused(await scim('POST', '/Users', user('STAFF2@agency.example')), 409, 'uniqueness');
    refused(await scim('POST', '/Users', user('new.person@agency.example', 'stf-staff2')), 409, 'uniqueness');
    const patched = await scim(
      'PATCH',
      '/Users/stf-staff2',
      patch({ op: 'Replace', path: 'userName', value: 'staff3@agency.example' }),
    );
    refused(patched, 409, 'uniqueness');
  });

  it('filters it cannot answer exactly: 400 invalidFilter', async () => {
    refused(await scim('GET', `/Users?filter=${encodeURIComponent('userName zz "x"')}`), 400, 'invalidFilter');
    refused(await scim('GET', `/Users?filter=${encodeURIComponent('title eq "x"')}`), 400, 'invalidFilter');
    refused(await scim('GET', `/Users?filter=${encodeURIComponent('userName eq')}`), 400, 'invalidFilter');
    refused(await scim('GET', `/Groups?filter=${encodeURIComponent('((')}`), 400, 'invalidFilter');
    const or = 'userName eq "staff2@agency.example" or userName eq "staff3@agency.example"';
    refused(await scim('GET', `/Users?filter=${encodeURIComponent(or)}`), 400, 'invalidFilter');
    refused(await scim('GET', `/Users?filter=${encodeURIComponent('active eq "true"')}`), 400, 'invalidFilter');
    refused(await scim('GET', `/Users?filter=${encodeURIComponent('userName ne "x" and active eq true')}`), 400);
    refused(await scim('GET', `/Groups?filter=${encodeURIComponent('members co "stf"')}`), 400, 'invalidFilter');
  });

  it('PATCH that cannot apply: invalidSyntax, invalidValue, invalidPath, noTarget; no op of it is kept', async () => {
    const target = '/Users/stf-staff2';
    refused(
      await scim('PATCH', target, { Operations: [{ op: 'Replace', path: 'title', value: 'x' }] }),
      400,
      'invalidSyntax',
    );
    refused(await scim('PATCH', target, patch({ op: 'Frobnicate', path: 'title', value: 'x' })), 400, 'invalidSyntax');
    refused(await scim('PATCH', target, patch({ op: 'Replace', path: 'active', value: 'maybe' })), 400, 'invalidValue');
    refused(
      await scim(
        'PATCH',
        target,
        patch({ op: 'Replace', path: 'title', value: 'x' }, { op: 'Remove', path: 'userName' }),
      ),
      400,
      'invalidValue',
    );
    refused(await scim('PATCH', target, patch({ op: 'Replace', path: 'shoeSize', value: '9' })), 400, 'invalidPath');
    refused(await scim('PATCH', target, patch({ op: 'Remove' })), 400, 'noTarget');
    const twoManagers = [{ value: 'stf-supervisor' }, { value: 'stf-director' }];
    refused(
      await scim('PATCH', target, patch({ op: 'Add', path: 'manager', value: twoManagers })),
      400,
      'invalidValue',
    );
    const group = firstId((await scim('GET', `/Groups?filter=${eq('displayName', roleGroup('staff'))}`)).body);
    refused(
      await scim('PATCH', `/Groups/${group}`, patch({ op: 'Remove', path: 'members[value eq "nobody"]' })),
      400,
      'noTarget',
    );
    refused(
      await scim('PATCH', `/Groups/${group}`, patch({ op: 'Add', path: 'members', value: [{ value: 'nobody' }] })),
      400,
      'invalidValue',
    );
    // Okta's remove-and-add in one request: the add fails, so the remove is not kept either.
    const members = (await scim('GET', `/Groups/${group}`)).body.members;
    const swap = patch(
      { op: 'remove', path: 'members[value eq "stf-staff2"]' },
      { op: 'add', path: 'members', value: [{ value: 'nobody' }] },
    );
    refused(await scim('PATCH', `/Groups/${group}`, swap), 400, 'invalidValue');
    expect((await scim('GET', `/Groups/${group}`)).body.members).toEqual(members);
    const broken = await fetch(`${runtime.endpoints.api}/scim/v2${target}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${runtime.endpoints.tokens.scim}`, 'content-type': 'application/scim+json' },
      body: '{"schemas": ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ scimType: 'invalidSyntax' });
  });

  it('an unknown resource: 404 in SCIM format', async () => {
    refused(await scim('GET', '/Users/nobody'), 404);
    refused(await scim('PATCH', '/Users/nobody', patch({ op: 'Replace', path: 'title', value: 'x' })), 404);
    refused(await scim('DELETE', '/Groups/nobody'), 404);
  });
});

describe('deactivating a grant holder (TN-10)', () => {
  // Sorts before stf-communications, so once in Communications Quinn is the statewide approver asked first.
  const holderId = 'comms-quinn';
  const holderEmail = 'quinn.holder@agency.example';
  let accountId: string;
  let holderToken: string;
  let link: URL;
  let requestId: string;
  const groupId = async (displayName: string) =>
    firstId((await scim('GET', `/Groups?filter=${eq('displayName', displayName)}`)).body);
  const membership = async (op: 'Add' | 'Remove', displayName: string) => {
    const body = patch({ op, path: 'members', value: [{ value: holderId }] });
    expect((await scim('PATCH', `/Groups/${await groupId(displayName)}`, body)).status).toBe(204);
  };

  beforeAll(async () => {
    accountId = await approvedAccount(runtime.endpoints, { platform: 'instagram' });
    const stored = await api.put(`/accounts/${accountId}/credential`, {
      as: 'administrator',
      body: { username: 'dcs.smoky.ig', password: 'First-Password-For-Scim-1!' },
    });
    expect(stored.status).toBe(201);
    // An identity provider provisions Quinn as staff of Smoky Mountain, and the director grants access.
    const created = await scim('POST', '/Users', {
      schemas: [userSchema, enterpriseSchema],
      externalId: holderId,
      userName: holderEmail,
      active: true,
      displayName: 'Quinn Holder',
      emails: [{ primary: true, type: 'work', value: holderEmail }],
      [enterpriseSchema]: { division: 'sevier' },
    });
    expect(created.status).toBe(201);
    await membership('Add', regionGroup('smoky-mountain'));
    await membership('Add', roleGroup('staff'));
    expect(await directoryEntry(holderId)).toMatchObject({ roles: ['staff'], region: 'smoky-mountain' });
    expect((await grant(runtime.endpoints, accountId, holderId)).status).toBe(201);
    // Quinn then moves to the central office's Communications: the statewide approver of account requests.
    await membership('Remove', regionGroup('smoky-mountain'));
    await membership('Add', regionGroup('central'));
    await membership('Add', roleGroup('communications'));
    expect(await directoryEntry(holderId)).toMatchObject({ roles: ['communications', 'staff'], region: 'central' });
    holderToken = await tokenFor(runtime.endpoints, runtime.dataDir, holderId, {
      roles: ['communications', 'staff'],
      region: 'central',
      office: 'sevier',
    });
    expect((await api.get(`/accounts/${accountId}/credential`, { token: holderToken })).status).toBe(200);
    const filed = await api.post('/account-requests', {
      as: 'director',
      body: {
        platform: 'tiktok',
        purpose: 'client-contact',
        region: 'smoky-mountain',
        administratorId: 'stf-administrator',
        backupAdministratorId: 'stf-backup-administrator',
      },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(202);
    requestId = filed.body.requestId as string;
    const email = await waitForEmail(
      runtime.endpoints,
      (e) => e.destination.to.includes(holderEmail) && (e.body.text ?? '').includes(`Request: ${requestId}`),
    );
    link = approvalLinkIn(email);
  }, 120_000);

  it('PATCH active "False" (Entra ID): the next reveal is 403 at once, open link void, rotation started', async () => {
    const off = await scim('PATCH', `/Users/${holderId}`, patch({ op: 'Replace', path: 'active', value: 'False' }));
    expect(off.status).toBe(200);

    const reveal = await api.get(`/accounts/${accountId}/credential`, { token: holderToken });
    expect(reveal.status).toBe(403);
    expect(reveal.body.error.code).toBe('TN-10');

    const decided = await api.form(link.pathname, {
      token: link.searchParams.get('token')!,
      decision: 'approve',
      comment: 'after deactivation',
    });
    // A voided link is gone, as a superseded one is.
    expect(decided.status).toBe(410);
    expect((await api.get(`/account-requests/${requestId}`, { as: 'director' })).body.approvals).toEqual([]);

    const report = await waitForEmail(runtime.endpoints, (e) => e.subject === 'Leaver report: Quinn Holder');
    const departureId = /\/departures\/([A-Za-z0-9_-]+)/.exec(report.body.text ?? '')![1]!;
    const departure = await poll('rotation started', async () => {
      const current = (await api.get(`/departures/${departureId}`, { as: 'hr' })).body;
      return current.rotations?.some((r: { rotationId?: string }) => r.rotationId) ? current : undefined;
    });
    expect(departure).toMatchObject({
      staffId: holderId,
      standing: 'bad',
      reportedBy: 'system:scim',
      revokedGrants: [accountId],
      emailAccessRemovedAt: expect.any(String),
      rotations: [expect.objectContaining({ accountId, rotationId: expect.any(String) })],
    });
    const task = await waitForEmail(
      runtime.endpoints,
      (e) =>
        e.subject.startsWith('Change the password') &&
        e.destination.to.includes('administrator@agency.example') &&
        (e.body.text ?? '').includes('someone with access has left'),
    );
    expect(task.body.text).toContain('someone with access has left');
  });

  it('reactivation restores no grant by itself', async () => {
    const on = await scim('PATCH', `/Users/${holderId}`, patch({ op: 'Replace', path: 'active', value: 'True' }));
    expect(on.body.active).toBe(true);
    expect((await api.get(`/accounts/${accountId}/credential`, { token: holderToken })).status).toBe(403);
    const grants = (await api.get(`/accounts/${accountId}/grants`, { as: 'director' })).body.items;
    expect(grants.map((g: { staffId: string }) => g.staffId)).not.toContain(holderId);
  });
});
