/**
 * Human-in-the-loop password rotation (TN-09). Social platforms have no API to change a password,
 * so Secrets Manager's rotation holds the generated password as AWSPENDING, the designated
 * administrator sets it on the platform and confirms, and only then does it become AWSCURRENT:
 * until that moment the old password keeps working and nobody is locked out. While AWSPENDING
 * sits on its own version, Secrets Manager itself refuses to start another rotation.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../adapters/audit.ts';
import type { StoredAccount } from '../adapters/accounts.ts';
import { findRoleHolders, getRegion, getStaffMember } from '../adapters/directory.ts';
import { passwordFingerprint } from '../adapters/fingerprints.ts';
import { grantsOfAccount, isActive } from '../adapters/grants.ts';
import { sendEmail } from '../adapters/mailer.ts';
import {
  closeRotation,
  fingerprintOwner,
  getRotation,
  markPending,
  openRotation,
  recordFingerprint,
  rotationToken,
  storeRotationToken,
  type Rotation,
  type RotationReason,
} from '../adapters/rotations.ts';
import {
  describeCredential,
  generatePassword,
  promotePending,
  readCredential,
  startRotation,
  writeCredential,
} from '../adapters/vault.ts';
import { completeTask, startWorkflow } from '../adapters/workflow-signals.ts';
import type { Caller } from '../auth/caller.ts';
import { publicBaseUrl, stateMachineArn } from '../config.ts';
import { mayRotate } from '../domain/credential-access.ts';
import type { AccountSummary } from '../views/emails/account-line.ts';
import { passwordChanged, rotationOverdue, rotationTask } from '../views/emails/rotation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { activeProfile } from '../policy/index.ts';
import { countMetric, logger } from '../telemetry.ts';
import { workflows } from '../workflows.ts';
import { accountOrNotFound } from './credentials.ts';

const hours = (n: number) => n * 3_600_000;
const days = (n: number) => n * 86_400_000;

/** Why a rotation happens, as people read it. */
const reasonText: Record<RotationReason, string> = {
  scheduled: 'the scheduled change',
  'on-demand': 'requested by an administrator',
  compromise: 'the account may be compromised',
  departure: 'someone with access has left',
};

/**
 * Opens a rotation and asks Secrets Manager to run it (the API for on-demand changes, incidents and
 * departures). 409 when one is already open or the login was never stored.
 */
export async function beginRotation(
  account: StoredAccount,
  reason: RotationReason,
  requestedBy: string,
  note?: string,
  now = new Date(),
): Promise<{ rotationId: string }> {
  if (!(await readCredential(account.accountId, 'AWSCURRENT'))) {
    throw new ConflictError("The account's login has not been stored yet; there is nothing to rotate.", 'NoCredential');
  }
  const rotation: Rotation = {
    rotationId: randomUUID(),
    accountId: account.accountId,
    status: 'requested',
    reason,
    ...(note ? { note } : {}),
    requestedBy,
    startedAt: now.toISOString(),
    dueAt: new Date(now.getTime() + hours(activeProfile().rotation.taskDueHours)).toISOString(),
  };
  const opened = await openRotation(rotation, {
    subject: `ACCOUNT#${account.accountId}`,
    action: 'rotation.requested',
    actorId: requestedBy,
    at: rotation.startedAt,
    details: { rotationId: rotation.rotationId, reason },
  });
  if (!opened)
    throw new ConflictError(
      `A password change is already open for ${account.accountId}; confirm or finish it first.`,
      'RotationOpen',
    );
  try {
    await startRotation(account.accountId, { token: rotation.rotationId, immediately: true });
  } catch (error) {
    await closeRotation(
      rotation,
      { status: 'cancelled', at: new Date().toISOString(), by: requestedBy },
      {
        subject: `ACCOUNT#${account.accountId}`,
        action: 'rotation.cancelled',
        actorId: requestedBy,
        at: new Date().toISOString(),
        details: { rotationId: rotation.rotationId, cause: (error as Error).name },
      },
    );
    throw error;
  }
  return { rotationId: rotation.rotationId };
}

/** POST /accounts/{accountId}/rotations: TN-09, only the designated or back-up administrator. */
export async function requestRotation(caller: Caller, accountId: string, note: string | undefined, now = new Date()) {
  const account = await accountOrNotFound(accountId);
  if (!mayRotate(caller.id, account))
    throw new ForbiddenError('TN-09: only the designated and back-up administrators change the password.', 'TN-09');
  return beginRotation(account, 'on-demand', caller.id, note, now);
}

const accountIdOfSecretName = (name: string) => name.replace(/^official-accounts\/accounts\//, '');

/**
 * The Secrets Manager rotation function's steps. createSecret generates the password (CT-12:
 * unique by fingerprint) as AWSPENDING under the rotation's token and starts the workflow that
 * gives the administrator the task; setSecret and testSecret are the administrator's (nothing to
 * automate); finishSecret promotes only a confirmed rotation.
 */
export async function rotationStep(step: string, secretName: string, token: string, now = new Date()): Promise<void> {
  const accountId = accountIdOfSecretName(secretName);
  await accountOrNotFound(accountId);
  if (step === 'createSecret') {
    const existing = await readCredential(accountId, 'AWSPENDING');
    if (existing?.versionId === token) return;
    const current = await readCredential(accountId, 'AWSCURRENT');
    if (!current)
      throw Object.assign(new Error(`Account ${accountId} has no current login to rotate.`), { name: 'NoCredential' });
    let rotation = await getRotation(accountId, token);
    if (!rotation) {
      // Started by Secrets Manager's own schedule rather than through the API.
      rotation = {
        rotationId: token,
        accountId,
        status: 'requested',
        reason: 'scheduled',
        requestedBy: 'system:secrets-manager',
        startedAt: now.toISOString(),
        dueAt: new Date(now.getTime() + hours(activeProfile().rotation.taskDueHours)).toISOString(),
      };
      if (
        !(await openRotation(rotation, {
          subject: `ACCOUNT#${accountId}`,
          action: 'rotation.requested',
          actorId: rotation.requestedBy,
          at: rotation.startedAt,
          details: { rotationId: token, reason: 'scheduled' },
        }))
      ) {
        throw Object.assign(new Error(`Another rotation is open for ${accountId}.`), { name: 'RotationOpen' });
      }
    }
    let password: string;
    let fingerprint: string;
    do {
      password = await generatePassword(activeProfile().rotation.passwordLength);
      fingerprint = await passwordFingerprint(password);
    } while (await fingerprintOwner(fingerprint));
    await writeCredential(accountId, { ...current.credential, password }, token, 'AWSPENDING');
    await recordFingerprint(fingerprint, accountId, token, now.toISOString());
    await markPending(accountId, token);
    const { rotation: rules } = activeProfile();
    await startWorkflow(stateMachineArn(workflows.credentialRotation.envVar), token, {
      accountId,
      rotationId: token,
      schedule: {
        remindAfterSeconds: rules.reminderAfterHours * 3600,
        escalateAfterSeconds: Math.max(1, (rules.escalateAfterHours - rules.reminderAfterHours) * 3600),
      },
    });
    return;
  }
  if (step === 'finishSecret') {
    const rotation = await getRotation(accountId, token);
    if (rotation?.status === 'confirmed') await promotePending(accountId, token);
    return;
  }
  // setSecret, testSecret: a person sets the password on the platform and confirms it works.
  logger.info('rotation step left to the administrator', { step, accountId });
}

/**
 * POST …/rotations/{rotationId}/confirm: the administrator has set the new password on the
 * platform. The pending version becomes current, then the rotation closes and the workflow tells
 * everyone who uses the account. Idempotent: confirming again returns the same result.
 */
export async function confirmRotation(caller: Caller, accountId: string, rotationId: string, now = new Date()) {
  const account = await accountOrNotFound(accountId);
  if (!mayRotate(caller.id, account))
    throw new ForbiddenError('TN-09: only the designated and back-up administrators change the password.', 'TN-09');
  const rotation = await getRotation(accountId, rotationId);
  if (!rotation) throw new NotFoundError(`No rotation ${rotationId} on ${accountId}.`);
  if (rotation.status === 'cancelled') throw new ConflictError('This rotation was cancelled.', 'RotationCancelled');
  if (rotation.status === 'requested')
    throw new ConflictError('The new password is still being generated; try again in a moment.', 'RotationNotReady');
  if (rotation.status === 'pending') {
    await promotePending(accountId, rotationId);
    const at = now.toISOString();
    const closed = await closeRotation(
      rotation,
      {
        status: 'confirmed',
        at,
        by: caller.id,
        nextRotationDue: new Date(now.getTime() + days(account.rotationIntervalDays)).toISOString(),
      },
      {
        subject: `ACCOUNT#${accountId}`,
        action: 'rotation.confirmed',
        actorId: caller.id,
        at,
        details: { rotationId, versionId: rotationId },
      },
    );
    // Only the confirmation that closed it counts; a concurrent or repeated one finds it closed.
    if (closed) countMetric('RotationsCompleted');
  }
  const token = await rotationToken(accountId, rotationId);
  if (token) await completeTask(token, { outcome: 'confirmed' });
  const confirmed = (await getRotation(accountId, rotationId))!;
  const { lastRotatedDate } = await describeCredential(accountId);
  return { ...confirmed, versionId: rotationId, ...(lastRotatedDate ? { lastRotatedDate } : {}) };
}

async function accountSummary(account: StoredAccount): Promise<AccountSummary> {
  const region = await getRegion(account.region);
  return {
    accountId: account.accountId,
    platform: account.platform,
    regionName: region?.name ?? account.region,
    ...(account.displayName ? { displayName: account.displayName } : {}),
  };
}

const emailsOf = async (ids: readonly string[]) =>
  (await Promise.all([...new Set(ids)].map(getStaffMember))).flatMap((m) => (m ? [m.email] : []));

/** Workflow task: the designated administrators get the task (or a reminder), without the password. */
export async function notifyAdministrators(
  accountId: string,
  rotationId: string,
  why: 'task' | 'reminder',
): Promise<{ sent: boolean }> {
  const account = await accountOrNotFound(accountId);
  const rotation = await getRotation(accountId, rotationId);
  if (rotation?.status !== 'pending') return { sent: false };
  const base = `${publicBaseUrl()}/accounts/${accountId}`;
  await sendEmail(
    rotationTask({
      to: await emailsOf([account.administratorId, account.backupAdministratorId]),
      account: await accountSummary(account),
      dueAt: rotation.dueAt,
      why,
      reason: reasonText[rotation.reason],
      pendingLink: `${base}/credential?version=pending`,
      confirmLink: `${base}/rotations/${rotationId}/confirm`,
    }),
  );
  return { sent: true };
}

/** Workflow callback task: keep the token server-side; answer at once if the rotation already closed. */
export async function awaitConfirmation(accountId: string, rotationId: string, taskToken: string): Promise<void> {
  await storeRotationToken(accountId, rotationId, taskToken);
  const rotation = await getRotation(accountId, rotationId);
  if (rotation && (rotation.status === 'confirmed' || rotation.status === 'cancelled'))
    await completeTask(taskToken, { outcome: rotation.status });
}

/** Workflow task: an overdue change goes to the region's directors. */
export async function escalateRotation(accountId: string, rotationId: string): Promise<{ escalated: boolean }> {
  const account = await accountOrNotFound(accountId);
  const rotation = await getRotation(accountId, rotationId);
  if (rotation?.status !== 'pending') return { escalated: false };
  const directors = await findRoleHolders('director', account.region);
  const administrators = await Promise.all(
    [account.administratorId, account.backupAdministratorId].map(async (id) => (await getStaffMember(id))?.name ?? id),
  );
  await sendEmail(
    rotationOverdue({
      to: directors.map((d) => d.email),
      account: await accountSummary(account),
      dueAt: rotation.dueAt,
      administratorNames: administrators,
    }),
  );
  return { escalated: true };
}

/**
 * Workflow task after confirmation: everyone who may use the account hears that the password
 * changed, never what it is: grant holders, administrators and directors (TN-09) and, where the
 * profile says so, the region's supervisors (NJ-05).
 */
export async function announceRotation(
  accountId: string,
  rotationId: string,
  now = new Date(),
): Promise<{ notified: number }> {
  const account = await accountOrNotFound(accountId);
  const rotation = await getRotation(accountId, rotationId);
  if (rotation?.status !== 'confirmed') return { notified: 0 };
  const at = now.toISOString();
  const holders = (await grantsOfAccount(accountId)).filter((g) => isActive(g, at)).map((g) => g.staffId);
  const supervisors = activeProfile().rotation.notifySupervisors
    ? (await findRoleHolders('supervisor', account.region)).map((s) => s.staffId)
    : [];
  const to = await emailsOf([
    ...holders,
    account.administratorId,
    account.backupAdministratorId,
    ...account.directorIds,
    ...supervisors,
  ]);
  await sendEmail(
    passwordChanged({
      to,
      account: await accountSummary(account),
      changedAt: rotation.confirmedAt ?? at,
      reason: reasonText[rotation.reason],
    }),
  );
  await appendAudit({
    subject: `ACCOUNT#${accountId}`,
    action: 'rotation.announced',
    actorId: 'system:credential-rotation',
    at,
    details: { rotationId, recipients: to.length },
  });
  return { notified: to.length };
}
