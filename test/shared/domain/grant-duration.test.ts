import { describe, expect, it } from 'vitest';
import { requireStatedEnd } from '../../../shared/domain/grant-duration.ts';
import { PolicyViolationError } from '../../../shared/errors.ts';

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
