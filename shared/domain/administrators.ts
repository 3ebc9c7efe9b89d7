/**
 * Who may be named to an account's two administrator positions (TN-05, issue 16.6). They hold the
 * password, the 2FA secret and the recovery codes, so each must be a present member of the region
 * holding the administrator role, the two must be different people, and the requester may name
 * neither: asking for an account and holding its keys are kept in different hands. Checked when
 * the request is filed and again when the approved account is created.
 */
import type { DirectoryEntry } from '../auth/caller.ts';

/** The positions a request names, and who filed it. */
export interface NamedAdministrators {
  requesterId: string;
  region: string;
  administratorId: string;
  backupAdministratorId: string;
}

export type AdministratorField = 'administratorId' | 'backupAdministratorId';

export interface AdministratorProblem {
  field: AdministratorField;
  problem: 'same-person' | 'requester' | 'unknown' | 'other-region' | 'departed' | 'not-administrator';
}

const fields: AdministratorField[] = ['administratorId', 'backupAdministratorId'];

/** What keeps `named` from standing, one problem per position at most; `entries` by staff id. */
export function administratorProblems(
  named: NamedAdministrators,
  entries: Readonly<Record<string, DirectoryEntry | undefined>>,
): AdministratorProblem[] {
  if (named.administratorId === named.backupAdministratorId)
    return [{ field: 'backupAdministratorId', problem: 'same-person' }];
  const problems: AdministratorProblem[] = [];
  for (const field of fields) {
    const id = named[field];
    const entry = entries[id];
    const problem: AdministratorProblem['problem'] | undefined =
      id === named.requesterId
        ? 'requester'
        : !entry
          ? 'unknown'
          : entry.region !== named.region
            ? 'other-region'
            : entry.departedAt || entry.active === false
              ? 'departed'
              : entry.kind === 'client' || !entry.roles.includes('administrator')
                ? 'not-administrator'
                : undefined;
    if (problem) problems.push({ field, problem });
  }
  return problems;
}
