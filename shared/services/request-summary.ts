/** What emails and pages say about a request: names resolved from the directory, nothing more. */
import { getRegion, getStaffMember } from '../adapters/directory.ts';
import type { AccountRequestRecord } from '../adapters/account-requests.ts';
import type { RequestSummary } from '../views/emails/request-summary.ts';

const nameOf = async (staffId: string) => (await getStaffMember(staffId))?.name ?? staffId;

export async function summarize(request: AccountRequestRecord): Promise<RequestSummary> {
  const [regionRecord, requesterName, administratorName, backupAdministratorName] = await Promise.all([
    getRegion(request.region),
    nameOf(request.requesterId),
    nameOf(request.administratorId),
    nameOf(request.backupAdministratorId),
  ]);
  return {
    requestId: request.requestId,
    platform: request.platform,
    purpose: request.purpose,
    regionName: regionRecord?.name ?? request.region,
    ...(request.displayName ? { displayName: request.displayName } : {}),
    requesterName,
    administratorName,
    backupAdministratorName,
  };
}
