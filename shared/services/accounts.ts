/** Reading official accounts: staff see their region's, operations and oversight (DC-01) see any. */
import { getAccount, listAccountsByRegion, type StoredAccount } from '../adapters/accounts.ts';
import { hasRole, type Caller } from '../auth/caller.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { requireRegionalAccess } from './regional-access.ts';
import type { Account } from '../schemas/accounts.ts';

/** The API's view: the secret's ARN and internal settings stay inside. */
const view = ({ secretArn: _s, rotationIntervalDays: _r, ...account }: StoredAccount): Account => account;

export async function listAccounts(caller: Caller, region: string | undefined): Promise<{ items: Account[] }> {
  const target = region ?? caller.region;
  if (!target)
    throw new ValidationError('Name a region.', [
      { field: 'query.region', message: 'required for callers without a region' },
    ]);
  if (!hasRole(caller, ['operations', 'oversight'])) requireRegionalAccess(caller, target);
  return { items: (await listAccountsByRegion(target)).map(view) };
}

export async function readAccount(caller: Caller, accountId: string): Promise<Account> {
  const account = await getAccount(accountId);
  if (!account) throw new NotFoundError(`No account ${accountId}.`);
  // DC-01: oversight reads every account, whatever its region.
  if (!hasRole(caller, ['oversight'])) requireRegionalAccess(caller, account.region);
  return view(account);
}
