/**
 * The end of a person's unreachable mark (issue 19.1), in their audit trail: a new address is not
 * known to fail, so new decisions go to them again from now on.
 */
import { appendAudit } from '../adapters/audit.ts';
import type { MailUnreachable } from '../domain/mail-reach.ts';

/** Audits that a new address ended the mark of the address that failed; `actorId` wrote the address. */
export async function auditMarkCleared(
  staffId: string,
  cleared: MailUnreachable,
  actorId: string,
  at = new Date().toISOString(),
): Promise<void> {
  await appendAudit({
    subject: `STAFF#${staffId}`,
    action: 'mail.unreachable-cleared',
    actorId,
    at,
    details: {
      reason: 'email-changed',
      email: cleared.email,
      kind: cleared.kind,
      type: cleared.type,
      since: cleared.since,
    },
  });
}
