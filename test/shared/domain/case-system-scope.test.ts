import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../shared/auth/caller.ts';
import { caseSystemRegions, requireServedRegion } from '../../../shared/domain/case-system-scope.ts';

const caller = (overrides: Partial<Caller>): Caller => ({
  id: 'cs',
  roles: ['case-system'],
  region: 'smoky-mountain',
  office: undefined,
  ...overrides,
});

describe('caseSystemRegions (issue 16.7)', () => {
  it("a case system's regions are the ones registered for it in the directory", () => {
    expect(caseSystemRegions(caller({ regions: ['knox'] }))).toEqual(['knox']);
    expect(caseSystemRegions(caller({ regions: [] }))).toEqual([]);
  });

  it('a case-system role on a person record serves only their own region', () => {
    expect(caseSystemRegions(caller({}))).toEqual(['smoky-mountain']);
    expect(caseSystemRegions(caller({ region: undefined }))).toEqual([]);
  });

  it('operations and callers without the case-system role are not scoped here', () => {
    expect(caseSystemRegions(caller({ roles: ['operations', 'case-system'] }))).toBeUndefined();
    expect(caseSystemRegions(caller({ roles: ['supervisor'] }))).toBeUndefined();
  });
});

describe('requireServedRegion', () => {
  it('403 CaseSystemRegion for an account of a region the case system does not serve', () => {
    expect(() => requireServedRegion(['knox'], 'smoky-mountain')).toThrow(
      expect.objectContaining({ status: 403, code: 'CaseSystemRegion' }),
    );
    expect(() => requireServedRegion(['knox'], 'knox')).not.toThrow();
    expect(() => requireServedRegion(undefined, 'knox')).not.toThrow();
  });
});
