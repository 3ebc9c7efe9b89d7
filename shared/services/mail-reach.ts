/**
 * The end of a person's unreachable mark (issue 19.1), in their audit trail: a new address is not
 * known to fail, and operations may say a fixed mailbox takes mail again; either way new decisions go
 * to them again from now on.
 */
import { appendAudit } from '../adapters/audit.ts';
import { clearMailUnreachable, getDirectoryEntry } from '../adapters/directory.ts';
import type { Caller } from '../auth/caller.ts';
import { isUnreachable, type MailUnreachable } from '../domain/mail-reach.ts';
import { NotFoundError } from '../errors.ts';

/** Audits that a new address ended the mark of the address that failed; `actorId` wrote the address. */
export async function auditMarkCleared(
  staffId: string,
  cleared: MailUnreachable,
  actorId: string,
  at = new Date().toISOString(),
  reason: 'email-changed' | 'operations' = 'email-changed',
): Promise<void> {
  await appendAudit({
    subject: `STAFF#${staffId}`,
    action: 'mail.unreachable-cleared',
    actorId,
    at,
    details: {
      reason,
      email: cleared.email,
      kind: cleared.kind,
      type: cleared.type,
      since: cleared.since,
    },
  });
}

/** POST /ops/staff/{staffId}/mail-reachable: operations end the mark; idempotent, audited once. */
export async function markMailReachable(
  caller: Caller,
  staffId: string,
): Promise<{ staffId: string; cleared: boolean }> {
  const entry = (await getDirectoryEntry(staffId)) as
    | (NonNullable<Awaited<ReturnType<typeof getDirectoryEntry>>> & { mailUnreachable?: MailUnreachable })
    | undefined;
  if (!entry || entry.kind === 'client') throw new NotFoundError(`No person ${staffId}.`);
  const mark = entry.mailUnreachable;
  if (!mark || !isUnreachable(entry)) return { staffId, cleared: false };
  const cleared = await clearMailUnreachable(staffId, mark);
  if (cleared) await auditMarkCleared(staffId, mark, caller.id, new Date().toISOString(), 'operations');
  return { staffId, cleared };
}
