/** Approvers name a delegate for a period; links issued in it go to the delegate (decisions record both). */
import { getStaffMember, putDelegation, type Delegation } from '../adapters/directory.ts';
import type { Caller } from '../auth/caller.ts';
import { ValidationError } from '../errors.ts';
import { newId } from '../domain/ids.ts';

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
  if (body.delegateId === caller.id)
    throw new ValidationError('Delegate to someone else.', [
      { field: 'body.delegateId', message: 'must not be yourself' },
    ]);
  if (!(await getStaffMember(body.delegateId)))
    throw new ValidationError('The delegate is not in the staff directory.', [
      { field: 'body.delegateId', message: 'unknown staff id' },
    ]);
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
