import { describe, expect, it } from 'vitest';
import { requireStatedEnd } from '../../../shared/domain/grant-duration.ts';
import type { Role } from '../../../shared/auth/roles.ts';
import { ForbiddenError, PolicyViolationError } from '../../../shared/errors.ts';

const now = new Date('2026-11-20T12:00:00.000Z');
const refusal = (expiresAt: string | undefined, maxGrantDays: number | null) => {
  try {
    requireStatedEnd(expiresAt, maxGrantDays, now);
    return undefined;
  } catch (error) {
    return error;
  }
};

describe('requireStatedEnd', () => {
  it('NJ-09: a limited profile refuses a grant without an end, or ending past the limit', () => {
    for (const expiresAt of [undefined, '2026-12-21T12:00:00.000Z']) {
      const error = refusal(expiresAt, 30);
      expect(error).toBeInstanceOf(PolicyViolationError);
      expect(error).toMatchObject({ status: 422, code: 'NJ-09', details: [{ field: 'expiresAt' }] });
    }
  });

  it('lets a grant through that ends within the limit, and any grant where there is no limit', () => {
    expect(refusal('2026-12-20T12:00:00.000Z', 30)).toBeUndefined();
    expect(refusal(undefined, null)).toBeUndefined();
  });
});

describe('requireStatedEnd with a long-term requester (nj-dcf)', () => {
  const longTerm = (callerRoles: Role[]) => ({ requesterRoles: ['office-manager'] as Role[], callerRoles });
  const attempt = (expiresAt: string | undefined, callerRoles: Role[]) => {
    try {
      requireStatedEnd(expiresAt, 90, now, longTerm(callerRoles));
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('NJ-09: long-term access (no end) is asked for by the Local Office Manager only', () => {
    expect(attempt(undefined, ['office-manager', 'staff'])).toBeUndefined();
    const error = attempt(undefined, ['director']);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ status: 403, code: 'NJ-09' });
  });

  it("NJ-09: the Local Office Manager asks for long-term access for their own office's staff only", () => {
    const ask = (callerOffice: string) => {
      try {
        requireStatedEnd(undefined, 90, now, {
          requesterRoles: ['office-manager'],
          callerRoles: ['office-manager'],
          callerOffice,
          granteeOffice: 'sevier',
        });
        return undefined;
      } catch (error) {
        return error;
      }
    };
    expect(ask('sevier')).toBeUndefined();
    expect(ask('blount')).toMatchObject({ status: 403, code: 'NJ-09' });
  });

  it('NJ-09: limited access states its end within the cap, whoever asks', () => {
    expect(attempt('2026-12-20T12:00:00.000Z', ['director'])).toBeUndefined();
    expect(attempt('2027-03-01T12:00:00.000Z', ['office-manager'])).toMatchObject({ status: 422, code: 'NJ-09' });
  });
});
