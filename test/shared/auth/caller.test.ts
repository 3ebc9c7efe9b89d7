import { describe, expect, it } from 'vitest';
import { callerFromEvent, parseListClaim, requireRegion, requireRole } from '../../../shared/auth/caller.ts';
import { ForbiddenError, UnauthenticatedError } from '../../../shared/errors.ts';

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

describe('callerFromEvent', () => {
  it('takes the subject, known roles, region and office', () => {
    expect(
      callerFromEvent(eventWith({ sub: 'stf-1', roles: '[director wizard]', region: 'knox', office: 'k1' })),
    ).toEqual({ id: 'stf-1', roles: ['director'], region: 'knox', office: 'k1' });
  });

  it('is unauthenticated without claims or subject', () => {
    expect(() => callerFromEvent(eventWith())).toThrow(UnauthenticatedError);
    expect(() => callerFromEvent(eventWith({ roles: '[director]' }))).toThrow(UnauthenticatedError);
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
