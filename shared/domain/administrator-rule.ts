/**
 * TN-05, an account has a designated and a back-up administrator, in its one home (issue 14.4):
 * who counts as one of them, and the refusals when a request names the positions wrongly or
 * someone else stores the first login.
 */
import { ForbiddenError, PolicyViolationError } from '../errors.ts';
import type { AdministratorProblem } from './administrators.ts';
import type { Refusal } from './refusal.ts';

/** What of an account decides who administers it. */
export interface AccountAdministration {
  region: string;
  administratorId: string;
  backupAdministratorId: string;
}

/** TN-05: one of the account's two named administrators who still holds the administrator role. */
export const isDesignatedAdministrator = (
  caller: { id: string; roles: readonly string[] },
  account: AccountAdministration,
): boolean =>
  (caller.id === account.administratorId || caller.id === account.backupAdministratorId) &&
  caller.roles.includes('administrator');

/** A problem of the named positions that the rule refuses (naming oneself is refused, but by no rule). */
export type PositionProblem = AdministratorProblem & { problem: Exclude<AdministratorProblem['problem'], 'requester'> };

const positionReasons: Record<PositionProblem['problem'], (which: string, region: string) => string> = {
  'same-person': () => 'The designated and back-up administrators must be two different people.',
  unknown: (which, region) => `The ${which} administrator must be staff of region ${region}.`,
  'other-region': (which, region) => `The ${which} administrator must be staff of region ${region}.`,
  departed: (which) => `The ${which} administrator has left the agency.`,
  'not-administrator': (which) => `The ${which} administrator must hold the administrator role.`,
};

const positionDetails: Record<PositionProblem['problem'], string> = {
  'same-person': 'must differ from administratorId',
  unknown: 'not staff of the region',
  'other-region': 'not staff of the region',
  departed: 'has left the agency',
  'not-administrator': 'not an administrator',
};

export type AdministratorCheck =
  /** An account request's positions, with the first problem found, if any. */
  | { of: 'named-positions'; problem: PositionProblem | undefined; region: string }
  /** Storing the account's first login. */
  | { of: 'credential-keeper'; caller: { id: string; roles: readonly string[] }; account: AccountAdministration };

/**
 * The TN-05 refusal for `check`, or undefined when the rule allows it.
 * @enforces TN-05
 */
export function administratorRefusal(check: AdministratorCheck): Refusal | undefined {
  if (check.of === 'credential-keeper') {
    if (isDesignatedAdministrator(check.caller, check.account)) return undefined;
    const reason = "Only the account's designated or back-up administrator stores its login.";
    return { rule: 'TN-05', reason, error: new ForbiddenError(reason, 'TN-05') };
  }
  if (!check.problem) return undefined;
  const { field, problem } = check.problem;
  const reason = positionReasons[problem](field === 'administratorId' ? 'designated' : 'back-up', check.region);
  const details = [{ field, message: positionDetails[problem] }];
  return { rule: 'TN-05', reason, error: new PolicyViolationError('TN-05', reason, details) };
}
