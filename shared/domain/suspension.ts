/**
 * DC-01: the Office of Public Information oversees agency accounts continuously and may suspend one.
 * A suspended account is out of use until oversight reinstates it: no reveal, no grant, no contact.
 */
import { ForbiddenError } from '../errors.ts';

/**
 * 403 DC-01 while oversight has the account suspended.
 * @enforces DC-01
 */
export function requireNotSuspended(account: { accountId: string; status: string }): void {
  if (account.status === 'suspended')
    throw new ForbiddenError(
      `Account ${account.accountId} is suspended by oversight; nothing is revealed, granted or recorded on it.`,
      'DC-01',
    );
}
