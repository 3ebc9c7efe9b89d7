/**
 * Litigation holds (CT-06): operations or a director place one on a case or an account, and no
 * record of it is disposed of until it is lifted, with a reason, by a records officer or counsel,
 * never by a director of the held region (shared/domain/record-holds.ts). Every placement and lift
 * is audited (CT-10).
 */
import { getRequest } from '../adapters/account-requests.ts';
import { getAccount } from '../adapters/accounts.ts';
import { getSuggestion } from '../adapters/post-suggestions.ts';
import { getHold, listHolds, liftHoldRecord, putHold } from '../adapters/holds.ts';
import { hasRole, requireRegion, type Caller } from '../auth/caller.ts';
import { newId } from '../domain/ids.ts';
import { requireMayLiftHold } from '../domain/record-holds.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { Hold } from '../schemas/holds.ts';
import { logger } from '../telemetry.ts';

/**
 * The region a new hold belongs to: an account's own region (a director may hold only their
 * region's accounts), or for a case or a post suggestion, which have no region of their own, the placer's.
 */
async function regionFor(caller: Caller, body: HoldBody): Promise<string> {
  if (body.accountId) {
    const account = await getAccount(body.accountId);
    if (!account) throw new NotFoundError(`No account ${body.accountId}.`);
    requireRegion(caller, account.region);
    return account.region;
  }
  if (body.requestId) {
    const found = await getRequest(body.requestId);
    if (!found) throw new NotFoundError(`No account request ${body.requestId}.`);
    requireRegion(caller, found.request.region);
    return found.request.region;
  }
  // A suggestion has no region of its own, as a case has none; unlike a case, it is ours to know.
  if (body.suggestionId && !(await getSuggestion(body.suggestionId)))
    throw new NotFoundError(`No post suggestion ${body.suggestionId}.`);
  if (!caller.region) throw new ForbiddenError('A hold on a case is placed by operations or a director with a region.');
  return caller.region;
}

type HoldBody = { caseId?: string; accountId?: string; requestId?: string; suggestionId?: string };
/** The one subject a hold names (the schema allows exactly one). */
const subjectFields = ({ caseId, accountId, requestId, suggestionId }: HoldBody) =>
  Object.fromEntries(Object.entries({ caseId, accountId, requestId, suggestionId }).filter(([, v]) => v !== undefined));

export async function placeHold(
  caller: Caller,
  body: HoldBody & { reason: string },
  now = new Date(),
): Promise<{ holdId: string }> {
  const region = await regionFor(caller, body);
  const hold: Hold = {
    holdId: newId('hld'),
    ...subjectFields(body),
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
    details: { ...subjectFields(hold), reason: hold.reason },
  });
  logger.info('hold placed', { holdId: hold.holdId });
  return { holdId: hold.holdId };
}

/** Lifts an active hold; 409 when it is already lifted. */
export async function liftHold(caller: Caller, holdId: string, reason: string, now = new Date()): Promise<Hold> {
  const hold = await getHold(holdId);
  if (!hold) throw new NotFoundError(`No hold ${holdId}.`);
  requireMayLiftHold(caller, hold);
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

/** Holds, oldest first: operations, records officers and counsel see all, a director those of their region. */
export async function viewHolds(caller: Caller, status: 'active' | 'lifted' | undefined): Promise<{ items: Hold[] }> {
  const holds = (await listHolds()).filter(
    (hold) =>
      (status === undefined || hold.status === status) &&
      (hasRole(caller, ['operations', 'records-officer', 'legal']) || hold.region === caller.region),
  );
  return { items: holds };
}
