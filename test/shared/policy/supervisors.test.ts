import { describe, expect, it } from 'vitest';
import { profiles } from '../../../shared/policy/index.ts';

describe('supervisorsMayReveal (issue 17.2)', () => {
  it("NJ-05 is New Jersey's alone: elsewhere a supervisor needs a director's grant (TN-07)", () => {
    const giving = Object.values(profiles).filter((profile) => profile.access.supervisorsMayReveal);
    expect(giving.map((profile) => profile.id)).toEqual(['nj-dcf']);
    expect(profiles['nj-dcf'].rules).toContain('NJ-05');
    expect(profiles['nj-dcf'].rotation.notifySupervisors).toBe(true);
  });
});
