/**
 * What a departure voids at once (TN-10, issue 16.2): every open decision link issued to the leaver,
 * so no decision of theirs lands any more, and every delegation they gave or received that has not
 * ended, so no link is routed to them or on their behalf.
 */
import { appendAudit } from '../adapters/audit.ts';
import { openLinksHeldBy, revokeLinks } from '../adapters/decision-links.ts';
import { delegationsOf, revokeDelegation } from '../adapters/directory.ts';

/** Voids every open decision link issued to the person; returns how many. */
export async function voidOpenLinks(staffId: string, actorId: string, at: string): Promise<number> {
  const links = await openLinksHeldBy(staffId);
  await revokeLinks(links);
  for (const link of links)
    await appendAudit({
      subject: `APPROVAL#${link.approvalId}`,
      action: 'decision-link.voided',
      actorId,
      at,
      details: { holderId: staffId, subject: `${link.subject.kind}#${link.subject.id}`, reason: 'departure' },
    });
  return links.length;
}

/** Revokes every unended delegation the person gave or received; returns how many. */
export async function voidDelegations(staffId: string, actorId: string, at: string): Promise<number> {
  const { given, received } = await delegationsOf(staffId);
  let voided = 0;
  for (const delegation of [...given, ...received]) {
    if (delegation.revokedAt || delegation.to <= at) continue;
    if (!(await revokeDelegation(delegation, actorId, at))) continue;
    voided++;
    await appendAudit({
      subject: `STAFF#${delegation.approverId}`,
      action: 'delegation.revoked',
      actorId,
      at,
      details: { delegationId: delegation.delegationId, delegateId: delegation.delegateId, reason: 'departure' },
    });
  }
  return voided;
}
