/**
 * The administrators a request names, checked against the directory as it is now (issue 16.6):
 * when the request is filed and again when the approved account is created.
 */
import { getDirectoryEntry } from '../adapters/directory.ts';
import {
  administratorProblems,
  type AdministratorProblem,
  type NamedAdministrators,
} from '../domain/administrators.ts';

/** What keeps the named administrators from standing (shared/domain/administrators.ts); two GetItems. */
export async function administratorsNow(named: NamedAdministrators): Promise<AdministratorProblem[]> {
  const ids = [named.administratorId, named.backupAdministratorId];
  const entries = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await getDirectoryEntry(id)])));
  return administratorProblems(named, entries);
}
