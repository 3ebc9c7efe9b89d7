/**
 * On approval: the account record (TN-05 administrators, directors as administrators, TN-15 About
 * text, the conduct terms it is approved under), the Secrets Manager secret for its login, and the
 * email telling people what to do next. Idempotent end to end: the account id derives from the
 * request id, so a retried task finds what the first attempt created.
 */
import { attachAccount, getRequest } from '../adapters/account-requests.ts';
import { createAccount, getAccount, type StoredAccount } from '../adapters/accounts.ts';
import { findRoleHolders, getRegion, getStaffMember } from '../adapters/directory.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { createCredentialSecret } from '../adapters/vault.ts';
import { consoleLink } from '../config.ts';
import { renderAboutText } from '../domain/about-text.ts';
import { accountTerms } from '../domain/account-terms.ts';
import { accountApproved } from '../views/emails/account-approved.ts';
import { activeProfile } from '../policy/index.ts';
import type { AccountRequestRecord } from '../adapters/account-requests.ts';
import { administratorsNow } from './administrators.ts';
import { summarize } from './request-summary.ts';

const days = (n: number) => n * 86_400_000;

/** The account of an approved request; the request's id is reused so retries converge. */
export const accountIdFor = (requestId: string) => requestId.replace(/^req_/, 'acc_');

/**
 * The administrators named at request time may have left, or lost the role, while the request
 * waited for approval (issue 16.6): no account is created with them. The workflow's failure path
 * takes over (ApprovalFailed), and a new request names administrators who qualify. A retry after
 * the account was created converges instead of failing.
 */
async function requireAdministratorsStillQualify(request: AccountRequestRecord, accountId: string): Promise<void> {
  if (await getAccount(accountId)) return;
  const [problem] = await administratorsNow(request);
  if (problem)
    throw Object.assign(
      new Error(`The ${problem.field} of request ${request.requestId} no longer qualifies (${problem.problem}).`),
      { name: 'AdministratorsNoLongerQualify' },
    );
}

export async function provisionAccount(requestId: string, now = new Date()): Promise<{ accountId: string }> {
  const found = await getRequest(requestId);
  if (!found) throw Object.assign(new Error(`No account request ${requestId}.`), { name: 'RequestNotFound' });
  const { request } = found;
  if (request.status !== 'approved')
    throw Object.assign(new Error(`Request ${requestId} is ${request.status}, not approved.`), {
      name: 'RequestNotApproved',
    });
  const profile = activeProfile();
  const accountId = accountIdFor(requestId);
  const region = await getRegion(request.region);
  if (!region)
    throw Object.assign(new Error(`Region ${request.region} is not in the directory.`), { name: 'RegionNotFound' });
  await requireAdministratorsStillQualify(request, accountId);
  const directors = await findRoleHolders('director', request.region);
  const secretArn = await createCredentialSecret({
    accountId,
    region: request.region,
    rotationIntervalDays: profile.rotation.intervalDays,
  });
  const account: StoredAccount = {
    accountId,
    status: 'active',
    platform: request.platform,
    purpose: request.purpose,
    region: request.region,
    ...(request.displayName ? { displayName: request.displayName } : {}),
    aboutText: renderAboutText(profile, region),
    administratorId: request.administratorId,
    backupAdministratorId: request.backupAdministratorId,
    directorIds: directors.map((d) => d.staffId),
    requestId,
    approvedAt: request.closedAt ?? now.toISOString(),
    lastRotatedAt: null,
    nextRotationDue: new Date(now.getTime() + days(profile.rotation.intervalDays)).toISOString(),
    secretArn,
    rotationIntervalDays: profile.rotation.intervalDays,
    terms: accountTerms(profile),
  };
  const stored = await createAccount(account, request.uniquenessKey, 'system:account-approval');
  await attachAccount(requestId, accountId);
  const people = await Promise.all(
    [request.requesterId, request.administratorId, request.backupAdministratorId].map(getStaffMember),
  );
  await sendEmail(
    accountApproved({
      to: [...people.flatMap((p) => (p ? [p.email] : [])), ...directors.map((d) => d.email)],
      request: await summarize(request),
      accountId,
      aboutText: stored.aboutText,
      terms: stored.terms ?? [],
      accountLink: consoleLink(`/accounts/${accountId}`),
    }),
  );
  return { accountId };
}
