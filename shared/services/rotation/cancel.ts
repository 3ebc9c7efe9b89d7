/**
 * Cancelling a rotation: a departure or an account compromise replaces a rotation still waiting
 * for a person, because whoever revealed its password may be the reason for the new one (issue 16.1).
 */
import type { StoredAccount } from '../../adapters/accounts.ts';
import { closeRotation, getRotation, openRotationOf, rotationToken } from '../../adapters/rotations.ts';
import { dropPending } from '../../adapters/vault.ts';
import { completeTask } from '../../adapters/workflow-signals.ts';
import { ConflictError } from '../../errors.ts';
import { beginRotation } from './api.ts';

/**
 * Closes the rotation as cancelled, takes the pending labels off its version (nobody can reveal or
 * confirm it any more) and ends its workflow. Safe to repeat; true when this call closed it.
 */
export async function cancelRotation(
  accountId: string,
  rotationId: string,
  by: string,
  cause: string,
  now = new Date(),
): Promise<boolean> {
  const rotation = await getRotation(accountId, rotationId);
  if (!rotation) return false;
  const at = now.toISOString();
  const closed =
    (rotation.status === 'requested' || rotation.status === 'pending') &&
    (await closeRotation(
      rotation,
      { status: 'cancelled', at, by },
      {
        subject: `ACCOUNT#${accountId}`,
        action: 'rotation.cancelled',
        actorId: by,
        at,
        details: { rotationId, versionId: rotationId, cause },
      },
    ));
  if (rotation.status === 'confirmed') return false;
  await dropPending(accountId, rotationId);
  const token = await rotationToken(accountId, rotationId);
  if (token) await completeTask(token, { outcome: 'cancelled' });
  return closed;
}

/**
 * Starts a departure's or compromise's rotation, replacing the open one instead of being refused
 * (an on-demand request is refused with 409 and its administrator finishes the open one). Only the
 * departure and incident tasks reach this, so only they hold the rights cancelling needs.
 */
export async function beginReplacingRotation(
  account: StoredAccount,
  reason: 'departure' | 'compromise',
  requestedBy: string,
  note?: string,
  now = new Date(),
): Promise<{ rotationId: string }> {
  try {
    return await beginRotation(account, reason, requestedBy, note, now);
  } catch (error) {
    if (!(error instanceof ConflictError && error.code === 'RotationOpen')) throw error;
  }
  const open = await openRotationOf(account.accountId);
  if (open) await cancelRotation(account.accountId, open, requestedBy, `replaced by a ${reason} rotation`, now);
  return beginRotation(account, reason, requestedBy, note, now);
}
