import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../shared/auth/caller.ts';
import { supervisorTeamRegion } from '../../../shared/domain/supervisor-scope.ts';
import { ForbiddenError } from '../../../shared/errors.ts';

const caller = (overrides: Partial<Caller> = {}): Caller => ({
  id: 'stf-supervisor',
  roles: ['supervisor'],
  region: 'smoky-mountain',
  office: undefined,
  ...overrides,
});

const refusal = (run: () => unknown): ForbiddenError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ForbiddenError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('supervisorTeamRegion', () => {
  it("DC-09: a supervisor sees their own region's workers' and accounts' records, and a case narrowed to them", () => {
    expect(supervisorTeamRegion(caller(), { region: 'smoky-mountain' })).toBe('smoky-mountain');
    expect(supervisorTeamRegion(caller(), 'case')).toBe('smoky-mountain');
  });

  it('DC-09: another region, or a subject not found, is refused naming the rule, the code unchanged', () => {
    for (const region of ['knox', undefined]) {
      const error = refusal(() => supervisorTeamRegion(caller(), { region }));
      expect(error).toMatchObject({ status: 403, code: 'Forbidden', rule: 'DC-09' });
      expect(error.message).toMatch(/^DC-09: supervisors read the contact records of workers of their own region/);
    }
  });

  it('who is no supervisor, or has no region, is refused by role, citing no rule', () => {
    for (const who of [caller({ roles: ['staff'] }), caller({ region: undefined })]) {
      const error = refusal(() => supervisorTeamRegion(who, 'case'));
      expect(error).toMatchObject({ status: 403, code: 'Forbidden', rule: undefined });
    }
  });
});
