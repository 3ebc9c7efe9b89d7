import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DirectoryEntry } from '../../../shared/auth/caller.ts';

const directory = new Map<string, DirectoryEntry>();
const getDirectoryEntry = vi.fn(async (id: string) => directory.get(id));
vi.mock('../../../shared/adapters/directory.ts', () => ({ getDirectoryEntry }));

const { callerEntry, resolveCaller } = await import('../../../shared/auth/directory-caller.ts');
const { invocationState, withInvocationContext } = await import('../../../shared/invocation-context.ts');

const eventWith = (claims: Record<string, unknown>) =>
  ({ requestContext: { authorizer: { jwt: { claims } } } }) as never;
const person = (staffId: string, extra: Partial<DirectoryEntry> = {}): DirectoryEntry => ({
  staffId,
  name: staffId,
  email: `${staffId}@agency.example`,
  roles: ['staff'],
  region: 'smoky-mountain',
  office: 'sevier',
  ...extra,
});

beforeEach(() => {
  directory.clear();
  getDirectoryEntry.mockClear();
});
afterEach(() => vi.unstubAllEnvs());

describe('resolveCaller', () => {
  it("grants the directory's roles, never the token's: a staff member claiming director stays staff", async () => {
    directory.set('stf-staff', person('stf-staff'));
    const { caller } = await resolveCaller(eventWith({ sub: 'stf-staff', roles: '[director]', region: 'knox' }));
    expect(caller).toEqual({ id: 'stf-staff', roles: ['staff'], region: 'smoky-mountain', office: 'sevier' });
    expect(getDirectoryEntry).toHaveBeenCalledTimes(1);
  });

  it('needs nothing of the token but the identity claim', async () => {
    directory.set('stf-director', person('stf-director', { roles: ['director'] }));
    const { caller } = await resolveCaller(eventWith({ sub: 'stf-director' }));
    expect(caller.roles).toEqual(['director']);
  });

  it('looks the person up by the configured claim', async () => {
    vi.stubEnv('IDENTITY_CLAIM', 'oid');
    directory.set('0f3e-oid', person('0f3e-oid'));
    await resolveCaller(eventWith({ sub: 'pairwise', oid: '0f3e-oid' }));
    expect(getDirectoryEntry).toHaveBeenCalledWith('0f3e-oid');
  });

  it('refuses the unknown (401) and the departed (403 TN-10) the moment the directory says so', async () => {
    await expect(resolveCaller(eventWith({ sub: 'stf-ghost' }))).rejects.toMatchObject({
      status: 401,
      code: 'UnknownIdentity',
    });
    directory.set('stf-leaver', person('stf-leaver'));
    await expect(resolveCaller(eventWith({ sub: 'stf-leaver' }))).resolves.toBeDefined();
    directory.set('stf-leaver', person('stf-leaver', { departedAt: new Date().toISOString() }));
    await expect(resolveCaller(eventWith({ sub: 'stf-leaver' }))).rejects.toMatchObject({ status: 403, code: 'TN-10' });
  });
});

describe('callerEntry', () => {
  it("reuses the record authorize read for the caller and reads anyone else's", async () => {
    directory.set('stf-other', person('stf-other'));
    await withInvocationContext(async () => {
      invocationState().callerEntry = person('stf-me');
      expect((await callerEntry('stf-me'))?.staffId).toBe('stf-me');
      expect(getDirectoryEntry).not.toHaveBeenCalled();
      expect((await callerEntry('stf-other'))?.staffId).toBe('stf-other');
      expect(getDirectoryEntry).toHaveBeenCalledTimes(1);
    })();
  });
});
