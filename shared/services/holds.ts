/**
 * Litigation holds (CT-06): operations or a director place one on a case or an account, and no
 * record of it is disposed of until it is lifted, with a reason, by operations or a director of
 * the region it was placed for. Every placement and lift is audited (CT-10).
 */
import { getAccount } from '../adapters/accounts.ts';
import { getHold, listHolds, liftHoldRecord, putHold } from '../adapters/holds.ts';
import { hasRole, requireRegion, type Caller } from '../auth/caller.ts';
import { newId } from '../domain/ids.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { Hold } from '../schemas/holds.ts';
import { logger } from '../telemetry.ts';

/**
 * The region a new hold belongs to: an account's own region (a director may hold only their
 * region's accounts), or for a case, which has no region of its own, the placer's.
 */
async function regionFor(caller: Caller, body: { caseId?: string; accountId?: string }): Promise<string> {
  if (body.accountId) {
    const account = await getAccount(body.accountId);
    if (!account) throw new NotFoundError(`No account ${body.accountId}.`);
    requireRegion(caller, account.region);
    return account.region;
  }
  if (!caller.region) throw new ForbiddenError('A hold on a case is placed by operations or a director with a region.');
  return caller.region;
}

export async function placeHold(
  caller: Caller,
  body: { caseId?: string; accountId?: string; reason: string },
  now = new Date(),
): Promise<{ holdId: string }> {
  const region = await regionFor(caller, body);
  const hold: Hold = {
    holdId: newId('hld'),
    ...(body.caseId ? { caseId: body.caseId } : { accountId: body.accountId! }),
    reason: body.reason,
    status: 'active',
    region,
    placedBy: caller.id,
    placedAt: now.toISOString(),
  };
  await putHold(hold, {
    subject: `HOLD#${hold.holdId}`,
    action: 'hold.placed',
    actorId: caller.id,
    at: hold.placedAt,
    details: { ...(hold.caseId ? { caseId: hold.caseId } : { accountId: hold.accountId }), reason: hold.reason },
  });
  logger.info('hold placed', { holdId: hold.holdId });
  return { holdId: hold.holdId };
}

/** Lifts an active hold; 409 when it is already lifted. */
export async function liftHold(caller: Caller, holdId: string, reason: string, now = new Date()): Promise<Hold> {
  const hold = await getHold(holdId);
  if (!hold) throw new NotFoundError(`No hold ${holdId}.`);
  requireRegion(caller, hold.region);
  if (hold.status !== 'active') throw new ConflictError(`Hold ${holdId} was already lifted.`, 'AlreadyLifted');
  const lift = { liftedBy: caller.id, liftedAt: now.toISOString(), liftReason: reason };
  if (
    !(await liftHoldRecord(hold, lift, {
      subject: `HOLD#${holdId}`,
      action: 'hold.lifted',
      actorId: caller.id,
      at: lift.liftedAt,
      details: { reason },
    }))
  ) {
    throw new ConflictError(`Hold ${holdId} was already lifted.`, 'AlreadyLifted');
  }
  logger.info('hold lifted', { holdId });
  return { ...hold, status: 'lifted', ...lift };
}

/** Holds, oldest first: operations see all, a director those of their region. */
export async function viewHolds(caller: Caller, status: 'active' | 'lifted' | undefined): Promise<{ items: Hold[] }> {
  const holds = (await listHolds()).filter(
    (hold) =>
      (status === undefined || hold.status === status) &&
      (hasRole(caller, ['operations']) || hold.region === caller.region),
  );
  return { items: holds };
}
