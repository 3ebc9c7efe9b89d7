/**
 * Oversight of agency accounts (DC-01, MO-04): the oversight office suspends an account and
 * reinstates it, each with a reason and audited, and records its monitoring of an account. What a
 * suspension stops is shared/domain/suspension.ts's to say.
 */
import { appendAudit } from '../adapters/audit.ts';
import { changeAccountStatus, getAccount } from '../adapters/accounts.ts';
import type { Caller } from '../auth/caller.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Account } from '../schemas/accounts.ts';

const view = async (accountId: string): Promise<Account> => {
  const { secretArn: _s, rotationIntervalDays: _r, ...account } = (await getAccount(accountId))!;
  return account;
};

async function changeStatus(
  caller: Caller,
  accountId: string,
  reason: string,
  change: { from: 'active' | 'suspended'; to: 'active' | 'suspended'; action: string },
  now: Date,
): Promise<Account> {
  const account = await getAccount(accountId);
  if (!account) throw new NotFoundError(`No account ${accountId}.`);
  if (account.status === change.to) return view(accountId);
  const changed = await changeAccountStatus(accountId, change.from, change.to, {
    subject: `ACCOUNT#${accountId}`,
    action: change.action,
    actorId: caller.id,
    at: now.toISOString(),
    details: { reason, from: account.status },
  });
  if (!changed && (await getAccount(accountId))?.status !== change.to)
    throw new ConflictError(`Account ${accountId} is ${account.status}.`, 'AccountStatus');
  return view(accountId);
}

/** Oversight suspends the account: reveals, grants and contacts stop at once. Repeating it changes nothing. */
export const suspendAccount = (caller: Caller, accountId: string, reason: string, now = new Date()) =>
  changeStatus(caller, accountId, reason, { from: 'active', to: 'suspended', action: 'account.suspended' }, now);

/** Oversight reinstates a suspended account. Repeating it changes nothing. */
export const reinstateAccount = (caller: Caller, accountId: string, reason: string, now = new Date()) =>
  changeStatus(caller, accountId, reason, { from: 'suspended', to: 'active', action: 'account.reinstated' }, now);

/**
 * MO-04: central office's monitoring of an account, kept in its audit trail: what was reviewed and
 * what was done about it.
 * @enforces MO-04
 */
export async function recordMonitoring(
  caller: Caller,
  accountId: string,
  body: { note: string; respondedTo?: number },
  now = new Date(),
): Promise<{ accountId: string; monitoredBy: string; monitoredAt: string; note: string; rule: 'MO-04' }> {
  if (!(await getAccount(accountId))) throw new NotFoundError(`No account ${accountId}.`);
  const record = {
    accountId,
    monitoredBy: caller.id,
    monitoredAt: now.toISOString(),
    note: body.note,
    ...(body.respondedTo !== undefined ? { respondedTo: body.respondedTo } : {}),
    rule: 'MO-04' as const,
  };
  await appendAudit({
    subject: `ACCOUNT#${accountId}`,
    action: 'account.monitored',
    actorId: caller.id,
    at: record.monitoredAt,
    details: {
      note: record.note,
      rule: record.rule,
      ...(body.respondedTo !== undefined ? { respondedTo: body.respondedTo } : {}),
    },
  });
  return record;
}
