import { describe, expect, it } from 'vitest';
import { mayReveal, mayRotate, type RevealFacts } from '../../../shared/domain/credential-access.ts';

const account = { region: 'smoky-mountain', administratorId: 'stf-admin', backupAdministratorId: 'stf-backup' };
const facts = (overrides: Partial<RevealFacts>): RevealFacts => ({
  callerId: 'stf-someone',
  callerDeparted: false,
  callerRoles: ['staff'],
  callerRegion: 'smoky-mountain',
  account,
  hasActiveGrant: false,
  supervisorsMayReveal: false,
  acknowledgmentRequired: false,
  acknowledged: false,
  ...overrides,
});

describe('mayReveal (issue 16.6: from the caller as the directory describes them now)', () => {
  it("TN-07: a director of the account's region reveals the current version, without the 2FA secret", () => {
    expect(mayReveal(facts({ callerId: 'stf-new-director', callerRoles: ['director'] }), 'current')).toEqual({
      allowed: true,
      as: 'director',
      includeRecovery: false,
    });
  });

  it('TN-07: a director of another region, or someone no longer a director, does not', () => {
    const elsewhere = facts({ callerRoles: ['director'], callerRegion: 'knox' });
    expect(mayReveal(elsewhere, 'current')).toMatchObject({ allowed: false, rule: 'TN-07' });
    expect(mayReveal(facts({ callerRoles: ['staff'] }), 'current')).toMatchObject({ allowed: false, rule: 'TN-07' });
  });

  it('TN-05: a designated administrator holds the administrator role, else is treated as anyone else', () => {
    const holding = facts({ callerId: 'stf-backup', callerRoles: ['administrator'] });
    expect(mayReveal(holding, 'pending')).toMatchObject({ allowed: true, includeRecovery: true });
    const demoted = facts({ callerId: 'stf-backup', callerRoles: ['staff'] });
    expect(mayReveal(demoted, 'pending')).toMatchObject({ allowed: false, rule: 'TN-09' });
    expect(mayReveal(demoted, 'current')).toMatchObject({ allowed: false, rule: 'TN-07' });
  });
});

describe('mayReveal: supervisors (issue 17.2)', () => {
  const supervisor = { callerId: 'stf-supervisor', callerRoles: ['supervisor'] };

  it('NJ-05: where the profile gives supervisors the password, one of the region reveals it, citing the rule', () => {
    expect(mayReveal(facts({ ...supervisor, supervisorsMayReveal: true }), 'current')).toEqual({
      allowed: true,
      as: 'supervisor',
      rule: 'NJ-05',
      includeRecovery: false,
    });
    const elsewhere = facts({ ...supervisor, supervisorsMayReveal: true, callerRegion: 'knox' });
    expect(mayReveal(elsewhere, 'current')).toMatchObject({ allowed: false, rule: 'TN-07' });
    expect(mayReveal(facts({ ...supervisor, supervisorsMayReveal: true }), 'pending')).toMatchObject({
      allowed: false,
      rule: 'TN-09',
    });
  });

  it('TN-07: elsewhere a supervisor needs a grant like anyone', () => {
    expect(mayReveal(facts(supervisor), 'current')).toMatchObject({ allowed: false, rule: 'TN-07' });
    expect(mayReveal(facts({ ...supervisor, hasActiveGrant: true }), 'current')).toMatchObject({
      allowed: true,
      as: 'grant-holder',
    });
  });
});

describe('mayReveal: the HR acknowledgment (issue 17.2)', () => {
  const required = { acknowledgmentRequired: true, acknowledged: false };

  it.each([
    ['a designated administrator', { callerId: 'stf-admin', callerRoles: ['administrator'] }],
    ['a director of the region', { callerRoles: ['director'] }],
    ['a supervisor where supervisors may reveal', { callerRoles: ['supervisor'], supervisorsMayReveal: true }],
    ['a grant holder', { hasActiveGrant: true }],
  ])('CT-08: %s is refused until HR has the acknowledgment', (_who, caller) => {
    expect(mayReveal(facts({ ...caller, ...required }), 'current')).toMatchObject({ allowed: false, rule: 'CT-08' });
    expect(mayReveal(facts({ ...caller, ...required, acknowledged: true }), 'current')).toMatchObject({
      allowed: true,
    });
  });

  it('TN-07 comes first: someone with no access at all is told so, not about the acknowledgment', () => {
    expect(mayReveal(facts(required), 'current')).toMatchObject({ allowed: false, rule: 'TN-07' });
  });
});

describe('mayRotate', () => {
  it('TN-09: only a designated administrator who still holds the administrator role', () => {
    expect(mayRotate({ id: 'stf-admin', roles: ['administrator'] }, account)).toBe(true);
    expect(mayRotate({ id: 'stf-admin', roles: ['staff'] }, account)).toBe(false);
    expect(mayRotate({ id: 'stf-other', roles: ['administrator'] }, account)).toBe(false);
  });
});
