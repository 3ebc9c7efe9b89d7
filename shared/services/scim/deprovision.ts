/**
 * Deprovisioning is a departure (TN-10). When the identity provider deactivates or deletes a person,
 * it has just cut their sign-in and mailbox: the departure is recorded at once through the same
 * service as POST /departures (grants revoked, the directors' leaver report, the rotation workflow),
 * with the email access removal recorded as evidence so that rotation follows without waiting for
 * HR or IT; the departure voids every open decision link and delegation of theirs.
 */
import { appendAudit } from '../../adapters/audit.ts';
import { departureToken, recordEmailAccessRemoved } from '../../adapters/departures.ts';
import { completeTask } from '../../adapters/workflow-signals.ts';
import type { Caller } from '../../auth/caller.ts';
import { activeProfile } from '../../policy/index.ts';
import { reportDeparture } from '../departures.ts';

/** Who the audit trail names for what the identity provider did. */
export const identityProviderActor = 'system:scim';

const identityProvider: Caller = { id: identityProviderActor, roles: ['hr'], region: undefined, office: undefined };

/** Records the departure of `staffId` now; returns its id. */
export async function departOnDeprovisioning(staffId: string, now = new Date()): Promise<string> {
  const at = now.toISOString();
  const { departureId } = await reportDeparture(
    identityProvider,
    // The profile's standing for a departure nobody explained (issue 15.2); HR corrects it on the record.
    { staffId, standing: activeProfile().departures.unexplainedDeactivationStanding, departedAt: at },
    now,
  );
  if (await recordEmailAccessRemoved(departureId, at)) {
    await appendAudit({
      subject: `STAFF#${staffId}`,
      action: 'departure.email-access-removed',
      actorId: identityProviderActor,
      at,
      details: { departureId, evidence: 'identity provider deprovisioned the person' },
    });
  }
  // The workflow may already wait for the confirmation: answer it, as POST .../email-access-removed does.
  const token = await departureToken(departureId);
  if (token) await completeTask(token, { outcome: 'removed' });
  return departureId;
}
