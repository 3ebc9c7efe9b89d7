/**
 * Two people for every grant (issue 16.6): a director who grants themselves access decides their
 * own access, and a grant outlives the role that made it. No rule of the catalogue says so (TN-07
 * only says who decides), so the refusal cites none: it is this system's separation of duties.
 */
import { ForbiddenError } from '../errors.ts';

/** 403 `SelfGrant` when the grantor names themselves; another director of the region grants them. */
export function refuseSelfGrant(grantorId: string, staffId: string): void {
  if (grantorId === staffId) {
    throw new ForbiddenError(
      'Nobody grants access to themselves; another director of the region decides.',
      undefined,
      'SelfGrant',
    );
  }
}
