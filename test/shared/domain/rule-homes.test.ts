/**
 * The one home of each of TN-05, TN-07, TN-09 and TN-10 (issue 14.4): every place a rule refuses
 * asks its home, so the home answers each place with the status, code and words it had before.
 */
import { describe, expect, it } from 'vitest';
import { acknowledgmentRefusal } from '../../../shared/domain/acknowledgment-rule.ts';
import { administratorRefusal } from '../../../shared/domain/administrator-rule.ts';
import { leaverRefusal } from '../../../shared/domain/leaver-rule.ts';
import { type Refusal, refuse } from '../../../shared/domain/refusal.ts';
import { regionalRefusal } from '../../../shared/domain/regional-rule.ts';
import { rotationRefusal } from '../../../shared/domain/rotation-rule.ts';
import { supervisorReveal } from '../../../shared/domain/supervisor-rule.ts';
import type { AppError } from '../../../shared/errors.ts';

/** What a request gets from the refusal: status, code and message. */
function thrown(refusal: Refusal | undefined) {
  try {
    refuse(refusal);
  } catch (error) {
    const { status, code, message } = error as AppError;
    return { status, code, message };
  }
  return undefined;
}

const account = { region: 'knox', administratorId: 'stf-admin', backupAdministratorId: 'stf-backup' };
const director = { roles: ['director'], region: 'knox' };

describe('leaverRefusal', () => {
  it('TN-10: a departed or deprovisioned caller reaches nothing; a present one passes', () => {
    expect(thrown(leaverRefusal({ of: 'caller', departedAt: '2026-01-01T00:00:00.000Z' }))).toEqual({
      status: 403,
      code: 'TN-10',
      message: 'TN-10: a person who has left the agency, or been deprovisioned, reaches nothing.',
    });
    expect(thrown(leaverRefusal({ of: 'caller', active: false }))).toMatchObject({ code: 'TN-10' });
    expect(leaverRefusal({ of: 'caller', active: true })).toBeUndefined();
  });

  it('TN-10: a delegate who left is 409, a leaver’s link 403, a leaver’s reveal a reason', () => {
    expect(thrown(leaverRefusal({ of: 'delegate', present: false }))).toEqual({
      status: 409,
      code: 'TN-10',
      message: 'TN-10: the delegate has left the agency.',
    });
    expect(thrown(leaverRefusal({ of: 'link-holder', present: false }))).toEqual({
      status: 403,
      code: 'TN-10',
      message: 'TN-10: this link was issued to someone who has left the agency.',
    });
    expect(leaverRefusal({ of: 'revealer', departed: true })).toEqual({
      rule: 'TN-10',
      reason: 'Your departure has been reported; you no longer have access.',
    });
    expect(leaverRefusal({ of: 'delegate', present: true })).toBeUndefined();
  });

  it('TN-10: HR records and corrects anyone’s departure, a director reads and records their region’s', () => {
    const hr = { roles: ['hr'], region: 'knox' };
    expect(leaverRefusal({ of: 'departure-reporter', caller: hr, region: 'shelby' })).toBeUndefined();
    expect(thrown(leaverRefusal({ of: 'departure-reporter', caller: director, region: 'shelby' }))).toEqual({
      status: 403,
      code: 'TN-10',
      message: 'This action is limited to staff of region shelby.',
    });
    expect(leaverRefusal({ of: 'departure-reader', caller: director, region: 'knox' })).toBeUndefined();
    expect(thrown(leaverRefusal({ of: 'departure-reader', caller: { roles: ['staff'], region: 'knox' } }))).toEqual({
      status: 403,
      code: 'TN-10',
      message: 'This action needs one of the roles: hr, director, it-director.',
    });
    expect(thrown(leaverRefusal({ of: 'departure-correction', caller: director }))).toMatchObject({
      code: 'TN-10',
      message: 'This action needs one of the roles: hr.',
    });
    expect(leaverRefusal({ of: 'departure-correction', caller: hr })).toBeUndefined();
  });
});

describe('administratorRefusal', () => {
  it('TN-05: only a designated administrator still holding the role stores the login', () => {
    const caller = { id: 'stf-backup', roles: ['staff'] };
    expect(thrown(administratorRefusal({ of: 'credential-keeper', caller, account }))).toEqual({
      status: 403,
      code: 'TN-05',
      message: "Only the account's designated or back-up administrator stores its login.",
    });
    const holding = { id: 'stf-backup', roles: ['administrator'] };
    expect(administratorRefusal({ of: 'credential-keeper', caller: holding, account })).toBeUndefined();
  });

  it('TN-05: a request naming the positions wrongly is 422 with the field', () => {
    const problem = { field: 'backupAdministratorId', problem: 'departed' } as const;
    const refusal = administratorRefusal({ of: 'named-positions', problem, region: 'knox' });
    expect(thrown(refusal)).toEqual({
      status: 422,
      code: 'TN-05',
      message: 'TN-05: The back-up administrator has left the agency.',
    });
    expect(refusal?.error?.details).toEqual([{ field: 'backupAdministratorId', message: 'has left the agency' }]);
    expect(administratorRefusal({ of: 'named-positions', problem: undefined, region: 'knox' })).toBeUndefined();
  });
});

describe('regionalRefusal', () => {
  it("TN-07: an action on another region's accounts, or without the role it needs, is 403", () => {
    const caller = { roles: ['supervisor'], region: 'knox' };
    expect(thrown(regionalRefusal({ of: 'regional-action', caller, region: 'shelby' }))).toEqual({
      status: 403,
      code: 'TN-07',
      message: 'This action is limited to staff of region shelby.',
    });
    expect(thrown(regionalRefusal({ of: 'regional-action', caller, region: 'knox', roles: ['director'] }))).toEqual({
      status: 403,
      code: 'TN-07',
      message: 'This action needs one of the roles: director.',
    });
    const operations = { roles: ['operations'], region: undefined };
    expect(regionalRefusal({ of: 'regional-action', caller: operations, region: 'shelby' })).toBeUndefined();
  });

  it('TN-07: a grant goes only to staff of the region; a contact needs a grant holder', () => {
    expect(thrown(regionalRefusal({ of: 'grantee', staffRegion: 'shelby', accountRegion: 'knox' }))).toEqual({
      status: 422,
      code: 'TN-07',
      message: 'TN-07: Only staff of region knox may be granted access to its account.',
    });
    expect(regionalRefusal({ of: 'contact-worker', holdsGrant: false })).toEqual({
      rule: 'TN-07',
      reason: 'the worker holds no grant on this account',
    });
    expect(regionalRefusal({ of: 'contact-worker', holdsGrant: true })).toBeUndefined();
  });
});

describe('rotationRefusal', () => {
  it('TN-09: only a designated administrator starts or confirms a change', () => {
    const caller = { id: 'stf-other', roles: ['administrator'] };
    expect(thrown(rotationRefusal({ of: 'rotator', caller, account }))).toEqual({
      status: 403,
      code: 'TN-09',
      message: 'TN-09: only the designated and back-up administrators change the password.',
    });
    const admin = { id: 'stf-admin', roles: ['administrator'] };
    expect(rotationRefusal({ of: 'rotator', caller: admin, account })).toBeUndefined();
    expect(rotationRefusal({ of: 'pending-reveal' })).toMatchObject({ rule: 'TN-09' });
  });
});

describe('acknowledgmentRefusal', () => {
  it('CT-08: a grant to a person HR has no acknowledgment from is 422; a user without one is 403', () => {
    const grantee = { of: 'grantee', name: 'Sam Staff', required: true, acknowledged: false } as const;
    expect(thrown(acknowledgmentRefusal(grantee))).toMatchObject({ status: 422, code: 'CT-08' });
    expect(thrown(acknowledgmentRefusal({ of: 'user', required: true, acknowledged: false }))).toMatchObject({
      status: 403,
      code: 'CT-08',
      message: expect.stringMatching(/^CT-08: /),
    });
    expect(acknowledgmentRefusal({ ...grantee, acknowledged: true })).toBeUndefined();
    expect(acknowledgmentRefusal({ of: 'user', required: false, acknowledged: false })).toBeUndefined();
  });
});

describe('supervisorReveal', () => {
  it("NJ-05: a supervisor of the account's region, where the profile says so, and no one else", () => {
    const supervisor = { roles: ['supervisor'], region: 'knox' };
    expect(supervisorReveal({ setting: true, caller: supervisor, region: 'knox' })).toEqual({
      as: 'supervisor',
      rule: 'NJ-05',
    });
    expect(supervisorReveal({ setting: false, caller: supervisor, region: 'knox' })).toBeUndefined();
    expect(supervisorReveal({ setting: true, caller: supervisor, region: 'shelby' })).toBeUndefined();
    expect(supervisorReveal({ setting: true, caller: director, region: 'knox' })).toBeUndefined();
  });
});
