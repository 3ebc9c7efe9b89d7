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

describe('mayRotate', () => {
  it('TN-09: only a designated administrator who still holds the administrator role', () => {
    expect(mayRotate({ id: 'stf-admin', roles: ['administrator'] }, account)).toBe(true);
    expect(mayRotate({ id: 'stf-admin', roles: ['staff'] }, account)).toBe(false);
    expect(mayRotate({ id: 'stf-other', roles: ['administrator'] }, account)).toBe(false);
  });
});
