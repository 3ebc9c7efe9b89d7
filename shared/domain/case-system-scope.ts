/**
 * A case system reads and writes the contact records of the regions it is registered for, no
 * others (issue 16.7): a regional case system's token must not export every family's records. The
 * regions are the directory's (Caller.regions, read at each request). No catalogue rule states
 * this scope (TN-12 only says contacts are recorded), so the refusal cites none.
 */
import type { Caller } from '../auth/caller.ts';
import { ForbiddenError } from '../errors.ts';

/**
 * The regions a case-system caller serves, or undefined when the caller is not scoped as one
 * (operations see every region; other roles are scoped elsewhere). A person record holding the
 * case-system role serves their own region only.
 */
export function caseSystemRegions(caller: Caller): readonly string[] | undefined {
  if (caller.roles.includes('operations') || !caller.roles.includes('case-system')) return undefined;
  return caller.regions ?? (caller.region ? [caller.region] : []);
}

/** 403 `CaseSystemRegion` unless the account's region is one the case system serves (undefined: unscoped). */
export function requireServedRegion(regions: readonly string[] | undefined, accountRegion: string): void {
  if (regions && !regions.includes(accountRegion)) {
    throw new ForbiddenError(
      `This case system is registered for ${regions.join(', ') || 'no region'}, not region ${accountRegion}.`,
      undefined,
      'CaseSystemRegion',
    );
  }
}
