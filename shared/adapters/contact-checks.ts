/**
 * What recording a contact is judged on (TN-01, TN-07): the account, the worker's directory entry
 * and the worker's grant on the account, read in one BatchGetItem rather than three GetItems.
 * Recording is the API's busiest write, and each AWS SDK call costs a round trip plus its own
 * request signing and parsing. The account and grant are read strongly consistently, so a grant
 * revoked a moment ago is already gone (NJ-09, departures).
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import { ServiceUnavailableError } from '../errors.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { accountKey, toAccount, type StoredAccount } from './accounts.ts';
import { dynamo } from './clients.ts';
import { staffKey, toStaffMember } from './directory.ts';
import { grantKey, isActive, toGrant, type Grant } from './grants.ts';

export interface ContactChecks {
  account: StoredAccount | undefined;
  worker: StaffMember | undefined;
  /** The worker's grant on the account, if it was active at the contact's time. */
  grant: Grant | undefined;
}

/** Unprocessed keys (throttling) are asked for again, a few times, with a short backoff. */
const attempts = 5;

type Key = Record<string, string>;

type CheckRequest = Record<string, { Keys: Key[]; ConsistentRead?: boolean }>;

/**
 * The BatchGetItem request for what the rules read, keyed by the given table names (the ingest
 * benchmark's raw floor asks DynamoDB Local for exactly this).
 */
export const contactCheckRequest = (
  accountId: string,
  workerId: string,
  names: { accounts: string; directory: string },
): CheckRequest => ({
  [names.accounts]: { Keys: [accountKey(accountId), grantKey(accountId, workerId)], ConsistentRead: true },
  [names.directory]: { Keys: [staffKey(workerId)] },
});

export async function contactChecks(accountId: string, workerId: string, occurredAt: string): Promise<ContactChecks> {
  let request: CheckRequest | undefined = contactCheckRequest(accountId, workerId, {
    accounts: tableName('accounts'),
    directory: tableName('directory'),
  });
  const found: Array<Record<string, unknown>> = [];
  for (let attempt = 1; request && Object.keys(request).length > 0; attempt++) {
    if (attempt > attempts) throw new ServiceUnavailableError();
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    const { Responses = {}, UnprocessedKeys } = await dynamo().send(new BatchGetCommand({ RequestItems: request }));
    found.push(...Object.values(Responses).flat());
    request = UnprocessedKeys as typeof request;
  }
  const item = (key: Key) => found.find((candidate) => candidate.pk === key.pk && candidate.sk === key.sk);
  const account = item(accountKey(accountId));
  // The directory and accounts tables never share a key: pk STAFF#… against ACCOUNT#….
  const worker = item(staffKey(workerId));
  const grant = item(grantKey(accountId, workerId));
  const activeGrant = grant ? toGrant(grant) : undefined;
  return {
    account: account ? toAccount(account) : undefined,
    worker: worker ? toStaffMember(worker) : undefined,
    grant: activeGrant && isActive(activeGrant, occurredAt) ? activeGrant : undefined,
  };
}
