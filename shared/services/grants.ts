/**
 * Who may reveal an account's credential. Directors of the account's region decide (TN-07); the
 * profile may cap grants per office (NJ-02), require an HR acknowledgment first (CT-08), and limit
 * how long a grant lasts (NJ-09). A grant past its expiry stops working by itself.
 */
import { requireNotSuspended } from '../domain/suspension.ts';
import { latestAcknowledgment } from '../adapters/acknowledgments.ts';
import { type AuditEntry, appendAudit } from '../adapters/audit.ts';
import { getAccount, type StoredAccount } from '../adapters/accounts.ts';
import { getStaffMember, isPresent } from '../adapters/directory.ts';
import {
  deleteGrant,
  getGrant,
  grantsOfAccount,
  grantsVersion,
  holdsPlace,
  isActive,
  isAwaitingApproval,
  putGrantIfUnchanged,
  type Grant,
} from '../adapters/grants.ts';
import { hasRole, type Caller } from '../auth/caller.ts';
import { ConflictError, NotFoundError, PolicyViolationError, ValidationError } from '../errors.ts';
import { acknowledgmentRefusal } from '../domain/acknowledgment-rule.ts';
import { requireStatedEnd } from '../domain/grant-duration.ts';
import { grantCreatedDetails } from '../domain/grant-record.ts';
import { refuse } from '../domain/refusal.ts';
import { regionalRefusal } from '../domain/regional-rule.ts';
import { refuseSelfGrant } from '../domain/self-grant.ts';
import { activeProfile } from '../policy/index.ts';
import { requireRegionalAccess } from './regional-access.ts';
import { consoleLink } from '../config.ts';
import { noticeUnreachableDeciders } from './decider-choice.ts';
import { askGrantApprovers, grantSubjectId, resolveGrantApprovers } from './grant-approvals.ts';
import { revokeOpenLinks } from '../adapters/decision-links.ts';
import { newId } from '../domain/ids.ts';

/** The account, if the caller may manage its grants (a director of its region, TN-07). */
async function accountForGrantor(caller: Caller, accountId: string): Promise<StoredAccount> {
  const account = await getAccount(accountId);
  if (!account) throw new NotFoundError(`No account ${accountId}.`);
  requireRegionalAccess(caller, account.region, activeProfile().access.grantorRoles);
  return account;
}

/** 422 unless the person to be granted is staff of the account's region (TN-07's home decides). */
function requireStaffOfRegion(staffRegion: string, accountRegion: string): void {
  refuse(regionalRefusal({ of: 'grantee', staffRegion, accountRegion }));
}

/** 422 unless HR has the person's acknowledgment on record (CT-08's home decides). */
async function requireHrAcknowledgment(staff: { staffId: string; name: string }): Promise<void> {
  const acknowledged = Boolean(await latestAcknowledgment(staff.staffId));
  refuse(acknowledgmentRefusal({ of: 'grantee', name: staff.name, required: true, acknowledged }));
}

/**
 * 422 when the office already has as many people with access as the profile allows.
 * @enforces NJ-02
 */
function requireRoomInOffice(office: string, holders: number, limit: number): void {
  if (holders >= limit) {
    throw new PolicyViolationError(
      'NJ-02',
      `Office ${office} already has ${holders} people with access to this account; the limit is ${limit}.`,
      [{ field: 'staffId', message: 'office limit reached' }],
    );
  }
}

export async function grantAccess(
  caller: Caller,
  accountId: string,
  body: {
    staffId: string;
    expiresAt?: string;
    device?: string;
    accessPurpose?: string;
    publicInformationSufficed?: boolean;
  },
  now = new Date(),
): Promise<Grant> {
  const account = await accountForGrantor(caller, accountId);
  requireNotSuspended(account);
  refuseSelfGrant(caller.id, body.staffId);
  const { access } = activeProfile();
  const staff = await getStaffMember(body.staffId);
  if (!staff)
    throw new ValidationError('The staff member is not in the directory.', [
      { field: 'body.staffId', message: 'unknown staff id' },
    ]);
  // TN-10, issue 16.2: a leaver is granted nothing.
  if (!isPresent(staff)) throw new ConflictError('The person has left the agency (TN-10).', 'Departed');
  requireStaffOfRegion(staff.region, account.region);
  const expiresAt = body.expiresAt ? new Date(body.expiresAt).toISOString() : undefined;
  if (expiresAt && expiresAt <= now.toISOString())
    throw new ValidationError('A grant must end in the future.', [{ field: 'body.expiresAt', message: 'in the past' }]);
  requireStatedEnd(
    expiresAt,
    access.maxGrantDays,
    now,
    access.longTermRequesterRoles
      ? {
          requesterRoles: access.longTermRequesterRoles,
          callerRoles: caller.roles,
          callerOffice: caller.office,
          granteeOffice: staff.office,
        }
      : undefined,
  );
  if (access.requireHrAcknowledgment) await requireHrAcknowledgment(staff);
  const at = now.toISOString();
  // NJ-02: where the profile asks approvers first, the grant is written pending and they are asked.
  const approval = access.grantApproval;
  const { slots: approvers, unreachable } = approval
    ? await resolveGrantApprovers(approval, account.region, [staff.staffId, caller.id])
    : { slots: [], unreachable: [] };
  const grant: Grant = {
    accountId,
    staffId: staff.staffId,
    office: staff.office,
    grantedBy: caller.id,
    grantedAt: at,
    ...(expiresAt ? { expiresAt } : {}),
    ...(body.device ? { device: body.device } : {}),
    ...(body.accessPurpose ? { accessPurpose: body.accessPurpose } : {}),
    ...(body.publicInformationSufficed !== undefined
      ? { publicInformationSufficed: body.publicInformationSufficed }
      : {}),
    ...(approval
      ? {
          status: 'pending' as const,
          requestId: newId('grq'),
          requestedAt: at,
          decideBy: new Date(now.getTime() + approval.expireAfterHours * 3_600_000).toISOString(),
          approvers,
          approvals: [],
        }
      : {}),
  };
  // Read the version first: a grant written after this read makes our write fail and we re-check.
  for (let attempt = 0; attempt < 5; attempt++) {
    const version = await grantsVersion(accountId);
    const current = await grantsOfAccount(accountId);
    if (approval) {
      // A retry of a request still waiting is the same request; a grant in force is not asked for again.
      const own = current.find((g) => g.staffId === staff.staffId);
      if (own && isAwaitingApproval(own, at)) return own;
      if (own && isActive(own, at))
        throw new ConflictError(`${staff.name} already holds access; revoke it first to change it.`, 'AlreadyGranted');
    }
    if (access.maxGrantsPerOffice !== null) {
      // NJ-02 counts people in force and people waiting for approval alike.
      const sameOffice = current.filter(
        (g) => g.office === staff.office && g.staffId !== staff.staffId && holdsPlace(g, at),
      );
      requireRoomInOffice(staff.office, sameOffice.length, access.maxGrantsPerOffice);
    }
    const audit: AuditEntry = {
      subject: `ACCOUNT#${accountId}`,
      action: approval ? 'grant.requested' : 'grant.created',
      actorId: caller.id,
      at,
      details: {
        ...grantCreatedDetails({
          staffId: staff.staffId,
          office: staff.office,
          expiresAt,
          device: body.device,
          accessPurpose: body.accessPurpose,
          publicInformationSufficed: body.publicInformationSufficed,
        }),
        ...(grant.requestId ? { requestId: grant.requestId } : {}),
      },
    };
    if (await putGrantIfUnchanged(grant, version, audit)) {
      if (approval) await askGrantApprovers(grant, now);
      await noticeUnreachableDeciders({
        subject: `ACCOUNT#${accountId}`,
        what: `Grant request ${grant.requestId} for ${staff.name}'s access to an official ${account.platform} account`,
        people: unreachable,
        recordLink: consoleLink(`/accounts/${accountId}`),
        now,
      });
      return grant;
    }
  }
  throw new ConflictError('Grants on this account are changing concurrently; retry.', 'ConcurrentChange');
}

export async function revokeAccess(
  caller: Caller,
  accountId: string,
  staffId: string,
  now = new Date(),
  reason = 'revoked by a director',
): Promise<void> {
  await accountForGrantor(caller, accountId);
  const pending = await getGrant(accountId, staffId);
  if (!(await deleteGrant(accountId, staffId))) throw new NotFoundError(`${staffId} holds no grant on ${accountId}.`);
  // A request withdrawn while its approvers decide: their links stop working at once.
  if (pending?.requestId) await revokeOpenLinks('grant-request', grantSubjectId(pending));
  await appendAudit({
    subject: `ACCOUNT#${accountId}`,
    action: 'grant.revoked',
    actorId: caller.id,
    at: now.toISOString(),
    details: { staffId, reason },
  });
}

/** Where a grant stands at `at`, for readers of the list. */
const grantState = (grant: Grant, at: string) =>
  isActive(grant, at)
    ? 'in-force'
    : grant.status === 'pending'
      ? isAwaitingApproval(grant, at)
        ? 'pending'
        : 'lapsed'
      : 'expired';

/** Grants of an account with whether each is in force: its directors, supervisors and administrators see them. */
export async function listGrants(caller: Caller, accountId: string, now = new Date()) {
  const account = await getAccount(accountId);
  if (!account) throw new NotFoundError(`No account ${accountId}.`);
  if (!hasRole(caller, ['operations'])) {
    requireRegionalAccess(caller, account.region, ['director', 'supervisor', 'administrator']);
  }
  const at = now.toISOString();
  return {
    items: (await grantsOfAccount(accountId)).map((grant) => ({
      ...grant,
      active: isActive(grant, at),
      // NJ-02: `pending` while the approvers decide, `lapsed` when they did not in time (NJ-09: `expired`).
      state: grantState(grant, at),
    })),
  };
}
