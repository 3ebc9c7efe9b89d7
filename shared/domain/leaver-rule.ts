/**
 * TN-10, a leaver reaches nothing, in its one home (issue 14.4): every place the rule refuses asks
 * here, so the id, the words and the status of each refusal are decided together. The places: the
 * caller the directory marks departed or deprovisioned, a reveal by someone whose departure is
 * reported, a delegation to a leaver, a decision link of a leaver, and who records and reads
 * departures (HR anyone's, a director their own region's).
 */
import { ConflictError, ForbiddenError } from '../errors.ts';
import {
  holdsRole,
  outsideRegion,
  type Refusal,
  regionRequirement,
  roleRequirement,
  type Standing,
} from './refusal.ts';

export type LeaverCheck =
  /** Any request: the directory entry of the caller. */
  | { of: 'caller'; departedAt?: string | undefined; active?: boolean | undefined }
  /** A reveal: the caller's departure is reported. */
  | { of: 'revealer'; departed: boolean }
  /** Approvals delegated to someone. */
  | { of: 'delegate'; present: boolean }
  /** A decision link: its holder and whoever they decide for. */
  | { of: 'link-holder'; present: boolean }
  /** Recording the departure of a person of `region`. */
  | { of: 'departure-reporter'; caller: Standing; region: string }
  /** Reading a departure; `region`, the leaver's, once a director's reading needs it. */
  | { of: 'departure-reader'; caller: Standing; region?: string }
  /** Correcting a departure's standing or reinstating the person. */
  | { of: 'departure-correction'; caller: Standing };

const readers = ['hr', 'director', 'it-director'];

/**
 * The TN-10 refusal for `check`, or undefined when the rule allows it.
 * @enforces TN-10
 */
export function leaverRefusal(check: LeaverCheck): Refusal | undefined {
  const refusal = (reason: string, error: Refusal['error'] = new ForbiddenError(reason, 'TN-10')): Refusal => ({
    rule: 'TN-10',
    reason,
    error,
  });
  switch (check.of) {
    case 'caller':
      return check.departedAt || check.active === false
        ? refusal('TN-10: a person who has left the agency, or been deprovisioned, reaches nothing.')
        : undefined;
    case 'revealer':
      return check.departed
        ? { rule: 'TN-10', reason: 'Your departure has been reported; you no longer have access.' }
        : undefined;
    case 'delegate':
      return check.present
        ? undefined
        : refusal(
            'TN-10: the delegate has left the agency.',
            new ConflictError('TN-10: the delegate has left the agency.', 'TN-10'),
          );
    case 'link-holder':
      return check.present ? undefined : refusal('TN-10: this link was issued to someone who has left the agency.');
    case 'departure-reporter':
      return !holdsRole(check.caller, ['hr']) && outsideRegion(check.caller, check.region)
        ? refusal(regionRequirement(check.region))
        : undefined;
    case 'departure-reader':
      if (!holdsRole(check.caller, ['operations', ...readers])) return refusal(roleRequirement(readers));
      return check.region !== undefined && outsideRegion(check.caller, check.region)
        ? refusal(regionRequirement(check.region))
        : undefined;
    case 'departure-correction':
      return holdsRole(check.caller, ['hr']) ? undefined : refusal(roleRequirement(['hr']));
  }
}
