import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  callerFromDirectory,
  identityFromEvent,
  parseListClaim,
  requireRegion,
  requireRole,
  type DirectoryEntry,
} from '../../../shared/auth/caller.ts';
import { type AppError, ForbiddenError, UnauthenticatedError } from '../../../shared/errors.ts';

const eventWith = (claims?: Record<string, unknown>) =>
  ({ requestContext: { authorizer: claims ? { jwt: { claims } } : undefined } }) as never;

describe('parseListClaim', () => {
  it("reads the HTTP API authorizer's flattened arrays, JSON arrays and real arrays alike", () => {
    expect(parseListClaim('[director designee]')).toEqual(['director', 'designee']);
    expect(parseListClaim('["director","designee"]')).toEqual(['director', 'designee']);
    expect(parseListClaim(['director'])).toEqual(['director']);
    expect(parseListClaim('staff')).toEqual(['staff']);
    expect(parseListClaim(undefined)).toEqual([]);
  });
});

describe('identityFromEvent', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('takes the subject and nothing else of the token', () => {
    expect(identityFromEvent(eventWith({ sub: 'stf-1', roles: '[director]', region: 'knox', office: 'k1' }))).toBe(
      'stf-1',
    );
  });

  it('reads the claim IDENTITY_CLAIM names (oid for Entra ID) and ignores sub then', () => {
    vi.stubEnv('IDENTITY_CLAIM', 'oid');
    expect(identityFromEvent(eventWith({ sub: 'pairwise-sub', oid: '7c1f-oid' }))).toBe('7c1f-oid');
    expect(() => identityFromEvent(eventWith({ sub: 'pairwise-sub' }))).toThrow(UnauthenticatedError);
  });

  it('is unauthenticated without claims or subject', () => {
    expect(() => identityFromEvent(eventWith())).toThrow(UnauthenticatedError);
    expect(() => identityFromEvent(eventWith({ roles: '[director]' }))).toThrow(UnauthenticatedError);
  });
});

describe('callerFromDirectory', () => {
  const staff: DirectoryEntry = {
    staffId: 'stf-1',
    name: 'Sky',
    email: 'sky@agency.example',
    roles: ['staff'],
    region: 'knox',
    office: 'k1',
    supervisorId: 'stf-sup',
  };
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return { status: (error as AppError).status, code: (error as AppError).code };
    }
    return undefined;
  };

  it("takes roles, region, office and supervisor from the record, whatever the token's claims say", () => {
    expect(callerFromDirectory('stf-1', staff)).toEqual({
      id: 'stf-1',
      roles: ['staff'],
      region: 'knox',
      office: 'k1',
      supervisorId: 'stf-sup',
    });
  });

  it('leaves out roles the system does not know', () => {
    const entry = { ...staff, roles: ['staff', 'wizard'] } as unknown as DirectoryEntry;
    expect(callerFromDirectory('stf-1', entry).roles).toEqual(['staff']);
  });

  it('is 401 UnknownIdentity for someone the directory does not know', () => {
    expect(codeOf(() => callerFromDirectory('stf-ghost', undefined))).toEqual({ status: 401, code: 'UnknownIdentity' });
  });

  it('TN-10: is 403 for a departed or deprovisioned person', () => {
    const departed = { ...staff, departedAt: '2026-01-01T00:00:00Z' };
    expect(codeOf(() => callerFromDirectory('stf-1', departed))).toEqual({ status: 403, code: 'TN-10' });
    expect(codeOf(() => callerFromDirectory('stf-1', { ...staff, active: false }))).toEqual({
      status: 403,
      code: 'TN-10',
    });
    expect(() => callerFromDirectory('stf-1', { ...staff, active: true })).not.toThrow();
  });

  it('gives a machine client its served regions', () => {
    const client: DirectoryEntry = {
      ...staff,
      staffId: 'stf-case-system',
      roles: ['case-system'],
      kind: 'client',
      regions: ['knox', 'smoky-mountain'],
      supervisorId: undefined,
    };
    expect(callerFromDirectory('stf-case-system', client)).toEqual({
      id: 'stf-case-system',
      roles: ['case-system'],
      region: 'knox',
      office: 'k1',
      regions: ['knox', 'smoky-mountain'],
    });
  });
});

describe('requireRole and requireRegion', () => {
  const director = { id: 's', roles: ['director' as const], region: 'knox', office: undefined };

  it('TN-07 refuses a director of another region, naming the rule', () => {
    expect(() => requireRegion(director, 'smoky-mountain', 'TN-07')).toThrow(ForbiddenError);
    try {
      requireRegion(director, 'smoky-mountain', 'TN-07');
    } catch (error) {
      expect((error as ForbiddenError).code).toBe('TN-07');
    }
  });

  it('refuses a caller without the role and lets operations work across regions', () => {
    expect(() => requireRole(director, ['hr'])).toThrow(/hr/);
    expect(() => requireRegion({ ...director, roles: ['operations'] }, 'smoky-mountain')).not.toThrow();
  });
});
