/**
 * Approvers name a delegate for a period; links issued in it go to the delegate when the delegate
 * may decide that step (shared/domain/link-recipient.ts, issue 16.3). A delegation starts now or
 * later, lasts at most the profile's `delegations.maxDays`, goes to someone still with the agency,
 * and its approver can list and revoke it. Roles are checked when a link is issued, not here: they
 * can change while a delegation runs.
 */
import { appendAudit } from '../adapters/audit.ts';
import {
  delegationsOf,
  getStaffMember,
  isPresent,
  putDelegation,
  revokeDelegation,
  type Delegation,
} from '../adapters/directory.ts';
import type { Caller } from '../auth/caller.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { newId } from '../domain/ids.ts';
import { leaverRefusal } from '../domain/leaver-rule.ts';
import { refuse } from '../domain/refusal.ts';
import { activeProfile } from '../policy/index.ts';

/** Clock skew allowed between the approver's device and the service before a start counts as backdated. */
const backdatingSlackMs = 5 * 60_000;

/** POST /delegations; a delegate who has left is TN-10's home's to refuse. */
export async function delegateApprovals(
  caller: Caller,
  body: { delegateId: string; from: string; to: string },
  now = new Date(),
): Promise<Delegation> {
  const from = new Date(body.from).toISOString();
  const to = new Date(body.to).toISOString();
  if (from >= to)
    throw new ValidationError('The delegation must end after it starts.', [
      { field: 'body.to', message: 'must be after from' },
    ]);
  if (to <= now.toISOString())
    throw new ValidationError('The delegation must end in the future.', [{ field: 'body.to', message: 'in the past' }]);
  if (Date.parse(from) < now.getTime() - backdatingSlackMs)
    throw new ValidationError('A delegation cannot be backdated.', [{ field: 'body.from', message: 'in the past' }]);
  const { maxDays } = activeProfile().delegations;
  if (Date.parse(to) - Date.parse(from) > maxDays * 86_400_000)
    throw new ValidationError(`A delegation lasts at most ${maxDays} days.`, [
      { field: 'body.to', message: `more than ${maxDays} days after from` },
    ]);
  if (body.delegateId === caller.id)
    throw new ValidationError('Delegate to someone else.', [
      { field: 'body.delegateId', message: 'must not be yourself' },
    ]);
  const delegate = await getStaffMember(body.delegateId);
  if (!delegate)
    throw new ValidationError('The delegate is not in the staff directory.', [
      { field: 'body.delegateId', message: 'unknown staff id' },
    ]);
  refuse(leaverRefusal({ of: 'delegate', present: isPresent(delegate) }));
  const delegation: Delegation = {
    delegationId: newId('dlg'),
    approverId: caller.id,
    delegateId: body.delegateId,
    from,
    to,
    createdAt: now.toISOString(),
  };
  await putDelegation(delegation);
  return delegation;
}

/** GET /delegations: the caller's delegations, given and received, revoked ones included as evidence. */
export async function listDelegations(caller: Caller): Promise<{ given: Delegation[]; received: Delegation[] }> {
  return delegationsOf(caller.id);
}

/** DELETE /delegations/{id}: the approver who gave it ends it now (404 for anyone else; 409 once revoked). */
export async function revokeOwnDelegation(caller: Caller, delegationId: string, now = new Date()): Promise<void> {
  const { given } = await delegationsOf(caller.id);
  const delegation = given.find((d) => d.delegationId === delegationId);
  if (!delegation) throw new NotFoundError(`No delegation ${delegationId} of yours.`);
  const at = now.toISOString();
  if (!(await revokeDelegation(delegation, caller.id, at)))
    throw new ConflictError('This delegation is already revoked.', 'AlreadyRevoked');
  await appendAudit({
    subject: `STAFF#${caller.id}`,
    action: 'delegation.revoked',
    actorId: caller.id,
    at,
    details: { delegationId, delegateId: delegation.delegateId, reason: 'revoked by the approver' },
  });
}
