/**
 * Human-in-the-loop password rotation (TN-09), as the API, incidents and departures start and
 * finish it. Social platforms have no API to change a password, so Secrets Manager's rotation
 * (protocol.ts) leaves the generated password waiting under our label OA_PENDING, the designated
 * administrator sets it on the platform and confirms here, and only then does it become AWSCURRENT:
 * until that moment the old password keeps working and nobody is locked out. One rotation is open
 * per account; a departure or compromise replaces the open one (cancel.ts). The workflow's tasks
 * are in workflow-tasks.ts. */
import { randomUUID } from 'node:crypto';
import type { StoredAccount } from '../../adapters/accounts.ts';
import {
  closeRotation,
  getRotation,
  openRotation,
  rotationToken,
  type Rotation,
  type RotationReason,
} from '../../adapters/rotations.ts';
import { describeCredential, hasCurrentCredential, promotePending, startRotation } from '../../adapters/vault.ts';
import { completeTask } from '../../adapters/workflow-signals.ts';
import type { Caller } from '../../auth/caller.ts';
import { refuse } from '../../domain/refusal.ts';
import { rotationRefusal } from '../../domain/rotation-rule.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { countMetric } from '../../telemetry.ts';
import { accountOrNotFound } from '../credentials.ts';
import { taskDueAt } from './due.ts';

const days = (n: number) => n * 86_400_000;

/**
 * Opens a rotation and asks Secrets Manager to run it (the API for on-demand changes, incidents and
 * departures). 409 when one is already open (a departure or compromise replaces it: cancel.ts) or the
 * login was never stored.
 */
export async function beginRotation(
  account: StoredAccount,
  reason: RotationReason,
  requestedBy: string,
  note?: string,
  now = new Date(),
): Promise<{ rotationId: string }> {
  if (!(await hasCurrentCredential(account.accountId))) {
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
    dueAt: taskDueAt(now),
  };
  const audit = {
    subject: `ACCOUNT#${account.accountId}`,
    action: 'rotation.requested',
    actorId: requestedBy,
    at: rotation.startedAt,
    details: { rotationId: rotation.rotationId, reason },
  };
  const opened = await openRotation(rotation, audit);
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

/**
 * TN-09: only the designated and back-up administrators start and confirm a password change; one
 * refusal for both, decided in the rule's home.
 */
export function requireRotationAdministrator(caller: Caller, account: StoredAccount): void {
  refuse(rotationRefusal({ of: 'rotator', caller, account }));
}

/** POST /accounts/{accountId}/rotations: TN-09, only the designated or back-up administrator. */
export async function requestRotation(caller: Caller, accountId: string, note: string | undefined, now = new Date()) {
  const account = await accountOrNotFound(accountId);
  requireRotationAdministrator(caller, account);
  return beginRotation(account, 'on-demand', caller.id, note, now);
}

/**
 * POST …/rotations/{rotationId}/confirm: the administrator has set the new password on the
 * platform. The pending version becomes current, then the rotation closes and the workflow tells
 * everyone who uses the account. Idempotent: confirming again returns the same result.
 */
export async function confirmRotation(caller: Caller, accountId: string, rotationId: string, now = new Date()) {
  const account = await accountOrNotFound(accountId);
  requireRotationAdministrator(caller, account);
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
