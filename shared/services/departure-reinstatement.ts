/**
 * HR reinstates a person whose departure was recorded in error (issue 16.4), audited. The directory
 * forgets the departure, so the person is picked and authorized again (unless the identity provider
 * deactivated them: that stays with SCIM). What the departure undid is not redone: revoked grants,
 * voided links and delegations, and any password change already under way stay as they are; a
 * director grants access again and the approval workflows send fresh links.
 */
import { appendAudit } from '../adapters/audit.ts';
import { getDeparture, markReinstated } from '../adapters/departures.ts';
import { clearDeparted } from '../adapters/directory.ts';
import type { Caller } from '../auth/caller.ts';
import { leaverRefusal } from '../domain/leaver-rule.ts';
import { refuse } from '../domain/refusal.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { viewDeparture } from './departures.ts';

/** POST /departures/{id}/reinstate (HR, TN-10's home decides). */
export async function reinstatePerson(caller: Caller, departureId: string, reason: string, now = new Date()) {
  refuse(leaverRefusal({ of: 'departure-correction', caller }));
  const departure = await getDeparture(departureId);
  if (!departure) throw new NotFoundError(`No departure ${departureId}.`);
  const at = now.toISOString();
  if (!(await markReinstated(departureId, caller.id, at, reason)))
    throw new ConflictError('This person is already reinstated.', 'AlreadyReinstated');
  await clearDeparted(departure.staffId);
  await appendAudit({
    subject: `STAFF#${departure.staffId}`,
    action: 'departure.reinstated',
    actorId: caller.id,
    at,
    details: { departureId, reason },
  });
  return viewDeparture(caller, departureId);
}
