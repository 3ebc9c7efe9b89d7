/**
 * What a leaver held that someone else must now hold (issue 16.2): the accounts they administer or
 * back up (TN-05), and the approval steps of pending requests still waiting for them. Recorded on
 * the departure and listed in the directors' leaver report; reassignment stays a person's decision.
 */
import { getRequest, pendingRequestsCreatedBefore } from '../adapters/account-requests.ts';
import { listAccountsByRegion } from '../adapters/accounts.ts';
import type { LeaverPosition } from '../adapters/departures.ts';
import { slotDecisions } from '../domain/approvals.ts';
import type { StaffMember } from '../schemas/staff.ts';

/** Every position `person` holds now, account administration first. */
export async function positionsHeldBy(person: StaffMember, now: Date): Promise<LeaverPosition[]> {
  const positions: LeaverPosition[] = [];
  for (const account of await listAccountsByRegion(person.region)) {
    const { accountId, region } = account;
    if (account.administratorId === person.staffId) positions.push({ kind: 'administrator', accountId, region });
    if (account.backupAdministratorId === person.staffId)
      positions.push({ kind: 'backup-administrator', accountId, region });
  }
  for (const pending of await pendingRequestsCreatedBefore(now.toISOString())) {
    if (!pending.approvers.some((slot) => slot.staffId === person.staffId)) continue;
    const found = await getRequest(pending.requestId);
    if (!found) continue;
    const decided = slotDecisions(found.request.approvers.length, found.decisions);
    found.request.approvers.forEach((slot, index) => {
      if (slot.staffId !== person.staffId || decided[index] !== undefined) return;
      positions.push({
        kind: 'approval-step',
        requestId: pending.requestId,
        slot: index,
        role: slot.role,
        region: pending.region,
      });
    });
  }
  return positions;
}

/** One line of the leaver report per position. */
export const positionLine = (position: LeaverPosition): string =>
  position.kind === 'approval-step'
    ? `Approval step ${position.slot + 1} (${position.role}) of request ${position.requestId}: ask someone else.`
    : `${position.kind === 'administrator' ? 'Designated' : 'Back-up'} administrator of account ` +
      `${position.accountId}: name a new one.`;
