/**
 * Who a new decision goes to (issue 19.1): among the holders of the role the rule names, in the
 * directory's order, the first whose mail arrives. A holder whose address bounced, complained or was
 * rejected is passed by while someone else may decide; when nobody else may, the decision still goes
 * to them (never dropped) and operations hear of it at once. The set of people who may decide is the
 * directory's, unchanged: only the choice among them is.
 */
import { findRoleHolders, findRoleHoldersWithReach, statewideRegion } from '../adapters/directory.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { putOpsNotice } from '../adapters/ops-notices.ts';
import type { Role } from '../auth/roles.ts';
import { pickDecider, pickDeciders } from '../domain/mail-reach.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { askedUnreachable } from '../views/emails/operations.ts';

/** The holder a decision goes to, and whether mail to them is known not to arrive. */
export async function chooseDecider(
  role: Role,
  region: string,
  exclude: readonly string[] = [],
): Promise<{ holder?: StaffMember; unreachable: boolean }> {
  const { chosen, unreachable } = pickDecider(await findRoleHoldersWithReach(role, region, exclude));
  return chosen ? { holder: chosen.member, unreachable } : { unreachable: false };
}

/** Everyone a decision is broadcast to, and those among them whose mail does not arrive (all or none). */
export async function chooseDeciders(
  role: Role,
  region: string,
  exclude: readonly string[] = [],
): Promise<{ holders: StaffMember[]; unreachable: StaffMember[] }> {
  const { chosen, unreachable } = pickDeciders(await findRoleHoldersWithReach(role, region, exclude));
  return { holders: chosen.map((h) => h.member), unreachable: unreachable.map((h) => h.member) };
}

/**
 * Tells operations that `what` (on `subject`, e.g. `REQUEST#…`) went to people whose mail does not
 * arrive: a notice on the status page and a mail. Idempotent per subject and people.
 */
export async function noticeUnreachableDeciders(input: {
  subject: string;
  what: string;
  people: StaffMember[];
  recordLink: string;
  now: Date;
}): Promise<void> {
  if (input.people.length === 0) return;
  const names = input.people.map((p) => p.name);
  const ids = input.people.map((p) => p.staffId);
  const first = await putOpsNotice({
    kind: 'mail-feedback',
    noticeId: `asked-unreachable:${input.subject}:${ids.join(',')}`,
    at: input.now.toISOString(),
    subject: input.subject,
    summary:
      `${input.what} went to ${names.join(', ')} although mail to them does not arrive; ` +
      'nobody else may decide it.',
    details: { staffIds: ids },
  });
  // A retried step finds its notice written: operations were mailed then.
  if (!first) return;
  const dead = new Set(input.people.map((p) => p.email.toLowerCase()));
  const operations = (await findRoleHolders('operations', statewideRegion)).filter(
    (p) => !dead.has(p.email.toLowerCase()),
  );
  if (operations.length === 0) return;
  await sendEmail(
    askedUnreachable({
      to: operations.map((p) => p.email),
      what: input.what,
      people: names,
      recordLink: input.recordLink,
    }),
  );
}
