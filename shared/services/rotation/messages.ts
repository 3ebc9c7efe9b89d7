/**
 * The rotation's emails, assembled from the account and the rotation: who receives each and what
 * it says about them (the templates are in shared/views/emails/rotation.ts). None carries the password.
 */
import type { StoredAccount } from '../../adapters/accounts.ts';
import { findRoleHolders, findStaffByRole, getRegion, getStaffMember } from '../../adapters/directory.ts';
import { grantsOfAccount, isActive } from '../../adapters/grants.ts';
import type { Rotation, RotationReason } from '../../adapters/rotations.ts';
import { consoleLink } from '../../config.ts';
import type { AccountSummary } from '../../views/emails/account-line.ts';
import type { EmailMessage } from '../../views/emails/message.ts';
import { passwordChanged, rotationOverdue, rotationTask } from '../../views/emails/rotation.ts';
import { activeProfile } from '../../policy/index.ts';
import { regionTimeZone } from '../../policy/time-zone.ts';

/** Why a rotation happens, as people read it. */
const reasonText: Record<RotationReason, string> = {
  scheduled: 'the scheduled change',
  'on-demand': 'requested by an administrator',
  compromise: 'the account may be compromised',
  departure: 'someone with access has left',
};

async function accountSummary(account: StoredAccount): Promise<AccountSummary> {
  const region = await getRegion(account.region);
  return {
    accountId: account.accountId,
    platform: account.platform,
    regionName: region?.name ?? account.region,
    timeZone: regionTimeZone(account.region),
    ...(account.displayName ? { displayName: account.displayName } : {}),
  };
}

/** Staff ids to addresses, each person once; someone no longer in the directory gets nothing. */
const emailsOf = async (ids: readonly string[]) =>
  (await Promise.all([...new Set(ids)].map(getStaffMember))).flatMap((m) => (m ? [m.email] : []));

/** The designated administrators' task (or reminder): where to reveal the new password and where to confirm. */
export async function rotationTaskEmail(
  account: StoredAccount,
  rotation: Rotation,
  why: 'task' | 'reminder',
): Promise<EmailMessage> {
  return rotationTask({
    to: await emailsOf([account.administratorId, account.backupAdministratorId]),
    account: await accountSummary(account),
    dueAt: rotation.dueAt,
    why,
    reason: reasonText[rotation.reason],
    taskLink: consoleLink(`/accounts/${account.accountId}/rotations/${rotation.rotationId}/confirm`),
  });
}

/** The region's directors hear which administrators let the change run overdue. */
export async function rotationOverdueEmail(account: StoredAccount, rotation: Rotation): Promise<EmailMessage> {
  const directors = await findRoleHolders('director', account.region);
  const administrators = await Promise.all(
    [account.administratorId, account.backupAdministratorId].map(async (id) => (await getStaffMember(id))?.name ?? id),
  );
  return rotationOverdue({
    to: directors.map((d) => d.email),
    account: await accountSummary(account),
    dueAt: rotation.dueAt,
    administratorNames: administrators,
  });
}

/**
 * Everyone who may use the account hears the password changed, and why, never what it is: grant
 * holders, administrators and directors (TN-09) and, where the profile says so, the region's
 * supervisors (NJ-05).
 */
export async function passwordChangedEmail(
  account: StoredAccount,
  rotation: Rotation,
  at: string,
): Promise<EmailMessage> {
  const holders = (await grantsOfAccount(account.accountId)).filter((g) => isActive(g, at)).map((g) => g.staffId);
  const supervisors = activeProfile().rotation.notifySupervisors
    ? (await findRoleHolders('supervisor', account.region)).map((s) => s.staffId)
    : [];
  // The region's directors now (issue 16.6), not those recorded when the account was approved.
  const directors = (await findStaffByRole('director', account.region)).map((d) => d.staffId);
  const to = await emailsOf([
    ...holders,
    account.administratorId,
    account.backupAdministratorId,
    ...directors,
    ...supervisors,
  ]);
  return passwordChanged({
    to,
    account: await accountSummary(account),
    changedAt: rotation.confirmedAt ?? at,
    reason: reasonText[rotation.reason],
  });
}
