import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../../shared/auth/caller.ts';
import { administratorProblems } from '../../../shared/domain/administrators.ts';

const person = (staffId: string, overrides: Partial<DirectoryEntry> = {}): DirectoryEntry => ({
  staffId,
  name: staffId,
  email: `${staffId}@agency.example`,
  roles: ['administrator'],
  region: 'smoky-mountain',
  office: 'sevier',
  ...overrides,
});
const named = {
  requesterId: 'stf-director',
  region: 'smoky-mountain',
  administratorId: 'a',
  backupAdministratorId: 'b',
};

describe('administratorProblems (issue 16.6, TN-05)', () => {
  it('finds none for two different, present administrators of the region other than the requester', () => {
    expect(administratorProblems(named, { a: person('a'), b: person('b') })).toEqual([]);
  });

  it('the two positions are two different people', () => {
    expect(administratorProblems({ ...named, backupAdministratorId: 'a' }, { a: person('a') })).toEqual([
      { field: 'backupAdministratorId', problem: 'same-person' },
    ]);
  });

  it('the requester names neither position, even holding the administrator role', () => {
    const problems = administratorProblems(
      { ...named, administratorId: 'stf-director' },
      {
        'stf-director': person('stf-director', { roles: ['director', 'administrator'] }),
        b: person('b'),
      },
    );
    expect(problems).toEqual([{ field: 'administratorId', problem: 'requester' }]);
  });

  it('each is known, of the region, present and holds the administrator role', () => {
    expect(administratorProblems(named, { b: person('b', { region: 'knox' }) })).toEqual([
      { field: 'administratorId', problem: 'unknown' },
      { field: 'backupAdministratorId', problem: 'other-region' },
    ]);
    expect(
      administratorProblems(named, {
        a: person('a', { departedAt: '2026-01-01T00:00:00.000Z' }),
        b: person('b', { roles: ['staff'] }),
      }),
    ).toEqual([
      { field: 'administratorId', problem: 'departed' },
      { field: 'backupAdministratorId', problem: 'not-administrator' },
    ]);
    expect(
      administratorProblems(named, { a: person('a', { active: false }), b: person('b', { kind: 'client' }) }),
    ).toEqual([
      { field: 'administratorId', problem: 'departed' },
      { field: 'backupAdministratorId', problem: 'not-administrator' },
    ]);
  });
});
