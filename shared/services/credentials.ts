/**
 * The vault: administrators store an account's login once (later changes go through rotation,
 * TN-09); authorized people reveal it, and every reveal is audited before the password is handed
 * over (CT-10), so a reveal that cannot be recorded does not happen.
 */
import { requireNotSuspended } from '../domain/suspension.ts';
import { latestAcknowledgment } from '../adapters/acknowledgments.ts';
import { appendAudit, auditPage } from '../adapters/audit.ts';
import { decodeAuditCursor, encodeAuditCursor } from '../domain/audit-cursor.ts';
import { getAccount, type StoredAccount } from '../adapters/accounts.ts';
import { passwordFingerprint, userIdFingerprint } from '../adapters/fingerprints.ts';
import { activeGrant } from '../adapters/grants.ts';
import { claimLogin, type LoginPart } from '../adapters/login-claims.ts';
import { hasCurrentCredential, OA_PENDING, readCredential, startRotation, writeCredential } from '../adapters/vault.ts';
import { callerEntry } from '../auth/directory-caller.ts';
import { hasRole, requireRegion, requireRole, type Caller } from '../auth/caller.ts';
import { acknowledgmentRefusal } from '../domain/acknowledgment-rule.ts';
import { administratorRefusal } from '../domain/administrator-rule.ts';
import { mayReveal } from '../domain/credential-access.ts';
import { refuse } from '../domain/refusal.ts';
import { ConflictError, ForbiddenError, NotFoundError, PolicyViolationError } from '../errors.ts';
import { activeProfile } from '../policy/index.ts';
import type { Credential } from '../schemas/credentials.ts';
import { randomUUID } from 'node:crypto';

export async function accountOrNotFound(accountId: string): Promise<StoredAccount> {
  const account = await getAccount(accountId);
  if (!account) throw new NotFoundError(`No account ${accountId}.`);
  return account;
}

const reusedPart: Record<LoginPart, string> = { username: 'user id', password: 'password' };

/**
 * CT-12: refuses a user id or password another account uses or used (compared by keyed hash, issue
 * 17.11), under every profile that has the rule, alone or combined; and claims both for this account
 * in one conditional write before the login is stored, so of two accounts stored at once with a part
 * in common only one gets it. Where the rule is not in force, the free parts are still claimed so the
 * record of who used what is whole. The refusal names the part, never its value.
 * @enforces CT-12
 */
export async function claimUserIdAndPassword(
  accountId: string,
  credential: Pick<Credential, 'username' | 'password'>,
  versionId: string,
  at: string,
) {
  const fingerprints = {
    username: await userIdFingerprint(credential.username),
    password: await passwordFingerprint(credential.password),
  };
  const held = await claimLogin(fingerprints, accountId, versionId, at);
  if (held.length === 0) return;
  if (activeProfile().rotation.forbidReuse) {
    const parts = held.map((part) => reusedPart[part]).join(' and ');
    throw new PolicyViolationError(
      'CT-12',
      `This ${parts} is (or was) used by another account; user ids and passwords are never reused across sites.`,
      held.map((part) => ({ field: part, message: 'reused' })),
    );
  }
  const free = Object.fromEntries(Object.entries(fingerprints).filter(([part]) => !held.includes(part as LoginPart)));
  await claimLogin(free, accountId, versionId, at);
}

/** CT-08's facts about the caller: whether the profile asks for an acknowledgment, and whether HR has it. */
async function callerAcknowledgment(callerId: string): Promise<{ required: boolean; acknowledged: boolean }> {
  const required = activeProfile().access.requireHrAcknowledgment;
  return { required, acknowledged: required && Boolean(await latestAcknowledgment(callerId)) };
}

/**
 * 403 unless the caller is the account's designated or back-up administrator and still holds the
 * administrator role (issue 16.6; TN-05's home decides).
 */
function requireAccountAdministrator(caller: Caller, account: StoredAccount): void {
  refuse(administratorRefusal({ of: 'credential-keeper', caller, account }));
}

/**
 * Stores the account's first login (TN-05: by its designated or back-up administrator) and turns
 * on the profile's rotation schedule in Secrets Manager (TN-09).
 */
export async function storeInitialCredential(
  caller: Caller,
  accountId: string,
  credential: Credential,
  now = new Date(),
): Promise<{ versionId: string }> {
  const account = await accountOrNotFound(accountId);
  requireAccountAdministrator(caller, account);
  // CT-08: storing the login is using the account; the administrator has filed the acknowledgment.
  refuse(acknowledgmentRefusal({ of: 'user', ...(await callerAcknowledgment(caller.id)) }));
  if (await hasCurrentCredential(accountId)) {
    throw new ConflictError(
      'The login is already stored; change the password through a rotation (TN-09).',
      'CredentialExists',
    );
  }
  const versionId = randomUUID();
  await claimUserIdAndPassword(accountId, credential, versionId, now.toISOString());
  await writeCredential(accountId, credential, versionId, 'AWSCURRENT');
  await startRotation(accountId, { intervalDays: account.rotationIntervalDays, immediately: false });
  await appendAudit({
    subject: `ACCOUNT#${accountId}`,
    action: 'credential.stored',
    actorId: caller.id,
    at: now.toISOString(),
    details: { versionId },
  });
  return { versionId };
}

export interface RevealContext {
  sourceIp: string | undefined;
  userAgent: string | undefined;
}

/** Reveals the current (or, to administrators, pending) version to someone allowed to see it. */
export async function revealCredential(
  caller: Caller,
  accountId: string,
  stage: 'current' | 'pending',
  context: RevealContext,
  now = new Date(),
) {
  const account = await accountOrNotFound(accountId);
  requireNotSuspended(account);
  const at = now.toISOString();
  const acknowledgment = await callerAcknowledgment(caller.id);
  const decision = mayReveal(
    {
      callerId: caller.id,
      callerDeparted: Boolean((await callerEntry(caller.id))?.departedAt),
      callerRoles: caller.roles,
      callerRegion: caller.region,
      account,
      hasActiveGrant: Boolean(await activeGrant(accountId, caller.id, at)),
      supervisorsMayReveal: activeProfile().access.supervisorsMayReveal,
      acknowledgmentRequired: acknowledgment.required,
      acknowledged: acknowledgment.acknowledged,
    },
    stage,
  );
  if (!decision.allowed) {
    await appendAudit({
      subject: `ACCOUNT#${accountId}`,
      action: 'credential.refused',
      actorId: caller.id,
      at,
      details: { stage, rule: decision.rule, sourceIp: context.sourceIp },
    });
    throw new ForbiddenError(`${decision.rule}: ${decision.reason}`, decision.rule);
  }
  const stored = await readCredential(accountId, stage === 'pending' ? OA_PENDING : 'AWSCURRENT');
  if (!stored)
    throw new NotFoundError(
      stage === 'pending'
        ? 'No password change is pending for this account.'
        : "The account's login has not been stored yet.",
    );
  await appendAudit({
    subject: `ACCOUNT#${accountId}`,
    action: 'credential.revealed',
    actorId: caller.id,
    at,
    details: {
      versionId: stored.versionId,
      stage,
      as: decision.as,
      ...(decision.rule ? { rule: decision.rule } : {}),
      sourceIp: context.sourceIp,
      userAgent: context.userAgent?.slice(0, 200),
    },
  });
  const { username, password, twoFactorSecret, recoveryCodes } = stored.credential;
  return {
    username,
    password,
    versionId: stored.versionId,
    stage,
    ...(decision.includeRecovery && twoFactorSecret ? { twoFactorSecret } : {}),
    ...(decision.includeRecovery && recoveryCodes ? { recoveryCodes } : {}),
  };
}

/**
 * CT-10: the account's trail for its region's directors and supervisors.
 * @enforces CT-10
 */
export async function accountAudit(
  caller: Caller,
  accountId: string,
  query: {
    limit?: number | undefined;
    cursor?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
) {
  const account = await accountOrNotFound(accountId);
  // DC-01: oversight reads every account's trail, as operations do.
  if (!hasRole(caller, ['operations', 'oversight'])) {
    requireRole(caller, ['director', 'supervisor'], 'CT-10');
    requireRegion(caller, account.region, 'CT-10');
  }
  const { entries, lastKey } = await auditPage(`ACCOUNT#${accountId}`, {
    limit: query.limit ?? 200,
    after: query.cursor ? decodeAuditCursor(query.cursor) : undefined,
    from: query.from ? new Date(query.from).toISOString() : undefined,
    to: query.to ? new Date(query.to).toISOString() : undefined,
  });
  return {
    items: entries.map(({ action, actorId, at, details }) => ({
      action,
      actorId,
      at,
      ...(details ? { details } : {}),
    })),
    ...(lastKey ? { nextCursor: encodeAuditCursor(lastKey) } : {}),
  };
}
