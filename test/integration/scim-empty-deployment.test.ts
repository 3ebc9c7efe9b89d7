/**
 * An empty deployment staffed only through SCIM (issue 15): the runtime starts with nobody in the
 * directory, every persona is provisioned by requests shaped as Microsoft Entra ID sends them
 * (local/provision-personas.ts: find by userName, create, set the manager, find or create each
 * group, add its members), and an account request is then approved end to end from emailed links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionPersonas, scimClient } from '../../local/provision-personas.ts';
import { personas } from '../../local/personas.ts';
import { approvedAccount } from '../support/accounts.ts';
import { apiClient } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'scim-empty-deployment', extraArgs: ['--no-personas'] });
  api = apiClient(runtime.endpoints);
}, 120_000);
afterAll(() => runtime?.stop());

describe('a deployment staffed only through SCIM', () => {
  it('starts with nobody: the directory has no user, and a persona is unknown to it', async () => {
    const scim = scimClient(runtime.endpoints.api, runtime.endpoints.tokens.scim!);
    expect((await scim('GET', '/Users')).body).toMatchObject({ totalResults: 0, Resources: [] });
    // The directory decides who someone is (issue 15.3): a token naming nobody it knows is refused.
    const me = await api.get('/me', { as: 'director' });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UnknownIdentity');
  });

  it('provisions every persona through Entra-shaped requests, with the roles, region and office they have', async () => {
    const scim = scimClient(runtime.endpoints.api, runtime.endpoints.tokens.scim!);
    const ids = await provisionPersonas(scim);
    expect([...ids.entries()].every(([personaId, id]) => personaId === id)).toBe(true);
    for (const [key, persona] of Object.entries(personas)) {
      const { staff } = (await api.get('/me', { as: key })).body;
      expect(staff, key).toMatchObject({
        staffId: persona.staffId,
        email: persona.email,
        roles: persona.roles,
        region: persona.region,
        office: persona.office,
        source: 'scim',
        ...(persona.supervisorId ? { supervisorId: persona.supervisorId } : {}),
        ...(persona.unit ? { unit: persona.unit } : {}),
      });
    }
  });

  it('runs an account approval end to end: requested, approved from the emailed link, the account exists', async () => {
    const accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
    const account = await api.get(`/accounts/${accountId}`, { as: 'director' });
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({ accountId, platform: 'facebook', region: 'smoky-mountain' });
  });
});
