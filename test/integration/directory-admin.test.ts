/**
 * Directory administration through the API (issue 15.4): system-admin manages regions, the group
 * mapping and machine clients; a mapping change reaches a person's authorization at their next
 * request, a deleted client's next request is 401, every change is audited, and a refused request
 * writes nothing.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../../local/personas.ts';
import { regionGroup, roleGroup } from '../../local/provision-personas.ts';
import { tables } from '../../shared/tables.ts';
import { apiClient } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { countItems, dynamoClient } from '../support/tables.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'directory-admin' });
  api = apiClient(runtime.endpoints);
}, 120_000);
afterAll(() => runtime?.stop());

const as = 'systemAdmin';
const directoryAudit = async () => {
  const client = DynamoDBDocumentClient.from(dynamoClient(runtime.endpoints));
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: tables.audit.logicalId,
      KeyConditionExpression: 'pk = :s',
      ExpressionAttributeValues: { ':s': 'DIRECTORY' },
    }),
  );
  client.destroy();
  return Items;
};
const directoryCount = async () => (await countItems(runtime.endpoints))[tables.directory.logicalId];
const rolesOf = async (persona: string) => (await api.get('/me', { as: persona })).body.caller.roles as string[];

const office = {
  officeId: 'morristown',
  name: 'Hamblen County Office, Main St',
  address: '1 Main St, Morristown, TN 37814',
  phone: '423-555-0100',
  email: 'hamblen@agency.example',
};

describe('regions', () => {
  it('lists the seeded regions with their offices', async () => {
    const { status, body } = await api.get('/regions', { as });
    expect(status).toBe(200);
    expect(body.regions.map((r: { regionId: string }) => r.regionId).sort()).toEqual([
      'central',
      'knox',
      'smoky-mountain',
    ]);
  });

  it('creates a region once: a repeat answers the same, writes nothing and audits nothing', async () => {
    const first = await api.put('/regions/east-tn', { as, body: { name: 'East Tennessee', offices: [office] } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ regionId: 'east-tn', name: 'East Tennessee', offices: [office] });
    const audited = (await directoryAudit()).length;
    const again = await api.put('/regions/east-tn', { as, body: { name: 'East Tennessee', offices: [office] } });
    expect(again.body).toEqual(first.body);
    expect((await directoryAudit()).length).toBe(audited);
    expect((await api.get('/regions', { as })).body.regions).toContainEqual(first.body);
    expect(await directoryAudit()).toContainEqual(
      expect.objectContaining({ action: 'region-created', actorId: personas.systemAdmin!.staffId }),
    );
  });

  it('refuses two offices of one id with 400 in the contract format, writing nothing', async () => {
    const before = await directoryCount();
    const { status, body } = await api.put('/regions/dup-region', {
      as,
      body: { name: 'Dup', offices: [office, office] },
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'InvalidRequest', details: [{ field: 'offices.1.officeId' }] });
    expect(await directoryCount()).toBe(before);
  });

  it('is for system-admin only', async () => {
    expect((await api.get('/regions', { as: 'director' })).status).toBe(403);
    expect((await api.put('/regions/x', { as: 'operations', body: { name: 'X', offices: [] } })).status).toBe(403);
  });
});

describe('group mapping', () => {
  const staffGroup = encodeURIComponent(roleGroup('staff'));

  it("lists the agency's mapping", async () => {
    const { status, body } = await api.get('/directory/group-mappings', { as });
    expect(status).toBe(200);
    expect(body.mappings).toContainEqual({ group: roleGroup('staff'), roles: ['staff'] });
    expect(body.mappings).toContainEqual({ group: regionGroup('central'), roles: [], region: 'central' });
  });

  it("a changed mapping gives the group's members the role at their next request, and takes it back", async () => {
    expect(await rolesOf('staff2')).toEqual(['staff']);
    expect((await api.get('/departures/dep_unknown', { as: 'staff2' })).status).toBe(403);
    const given = await api.put(`/directory/group-mappings/${staffGroup}`, { as, body: { roles: ['staff', 'hr'] } });
    expect(given.status, JSON.stringify(given.body)).toBe(200);
    expect(given.body.recomputed).toBeGreaterThanOrEqual(5);
    expect(await rolesOf('staff2')).toEqual(['staff', 'hr']);
    // HR's route now lets them through its roles (the departure does not exist: 404, not 403).
    expect((await api.get('/departures/dep_unknown', { as: 'staff2' })).status).not.toBe(403);
    const back = await api.put(`/directory/group-mappings/${staffGroup}`, { as, body: { roles: ['staff'] } });
    expect(back.status).toBe(200);
    expect(await rolesOf('staff2')).toEqual(['staff']);
    expect((await api.get('/departures/dep_unknown', { as: 'staff2' })).status).toBe(403);
    const actions = (await directoryAudit()).map((e) => e.action);
    expect(actions.filter((a) => a === 'group-mapping-updated').length).toBeGreaterThanOrEqual(2);
  });

  it('a deleted mapping takes its roles away at once; putting it back restores them', async () => {
    const removed = await api.delete(`/directory/group-mappings/${staffGroup}`, { as });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.mapping).toBeNull();
    expect(await rolesOf('staff2')).toEqual([]);
    expect((await api.post('/incidents', { as: 'staff2', body: {} })).status).toBe(403);
    const restored = await api.put(`/directory/group-mappings/${staffGroup}`, { as, body: { roles: ['staff'] } });
    expect(restored.status).toBe(200);
    expect(await rolesOf('staff2')).toEqual(['staff']);
    expect((await api.delete('/directory/group-mappings/no-such-group', { as })).status).toBe(404);
  });

  it('refuses an unknown role, region or office with 400, writing nothing', async () => {
    const before = await directoryCount();
    const path = '/directory/group-mappings/new-group';
    expect((await api.put(path, { as, body: { roles: ['wizard'] } })).status).toBe(400);
    const region = await api.put(path, { as, body: { roles: [], region: 'atlantis' } });
    expect(region.status).toBe(400);
    expect(region.body.error.details).toEqual([{ field: 'region', message: 'atlantis is not a region.' }]);
    expect((await api.put(path, { as, body: { roles: [], region: 'knox', office: 'sevier' } })).status).toBe(400);
    expect(await directoryCount()).toBe(before);
  });
});

describe('machine clients', () => {
  it('lists the seeded case system with the regions it serves', async () => {
    const { body } = await api.get('/directory/clients', { as });
    expect(body.clients).toContainEqual(
      expect.objectContaining({
        clientId: personas.caseSystem!.staffId,
        roles: ['case-system'],
        regions: ['smoky-mountain'],
      }),
    );
  });

  it('registers a client with its regions; a repeat changes nothing', async () => {
    const body = { name: 'Knox Case System', regions: ['knox', 'smoky-mountain'] };
    const first = await api.put('/directory/clients/case-knox', { as, body });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      clientId: 'case-knox',
      roles: ['case-system'],
      regions: ['knox', 'smoky-mountain'],
    });
    const audited = (await directoryAudit()).length;
    expect((await api.put('/directory/clients/case-knox', { as, body })).body).toEqual(first.body);
    expect((await directoryAudit()).length).toBe(audited);
    expect((await api.get('/directory/clients', { as })).body.clients).toContainEqual(first.body);
  });

  it("refuses an unknown region, and a person's id, writing nothing", async () => {
    const before = await directoryCount();
    const unknown = await api.put('/directory/clients/case-x', { as, body: { name: 'X', regions: ['atlantis'] } });
    expect(unknown.status).toBe(400);
    const person = await api.put(`/directory/clients/${personas.staff!.staffId}`, {
      as,
      body: { name: 'X', regions: ['knox'] },
    });
    expect(person.status).toBe(409);
    expect(person.body.error.code).toBe('NotAClient');
    expect(await directoryCount()).toBe(before);
    expect(await rolesOf('staff')).toEqual(['staff']);
  });

  it("a deleted client's next request is 401; registering it again lets it back in", async () => {
    const id = personas.caseSystem!.staffId;
    expect((await api.get('/me', { as: 'caseSystem' })).status).toBe(200);
    expect((await api.delete(`/directory/clients/${id}`, { as })).status).toBe(204);
    const refused = await api.get('/me', { as: 'caseSystem' });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UnknownIdentity');
    expect((await api.delete(`/directory/clients/${id}`, { as })).status).toBe(404);
    const again = await api.put(`/directory/clients/${id}`, {
      as,
      body: { name: 'Case Management System', regions: ['smoky-mountain'] },
    });
    expect(again.status).toBe(200);
    expect((await api.get('/me', { as: 'caseSystem' })).body.caller.roles).toEqual(['case-system']);
    const actions = (await directoryAudit()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['client-registered', 'client-deleted']));
  });
});
