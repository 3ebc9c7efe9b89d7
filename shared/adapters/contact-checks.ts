/**
 * What recording a contact is judged on (TN-01, TN-07): the account, the worker's directory entry
 * and the worker's grant on the account, read in one BatchGetItem rather than three GetItems.
 * Recording is the API's busiest write, and each AWS SDK call costs a round trip plus its own
 * request signing and parsing. The account and grant are read strongly consistently, so a grant
 * revoked a moment ago is already gone (NJ-09, departures).
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { DirectoryEntry } from '../auth/caller.ts';
import { tableName } from '../config.ts';
import { ServiceUnavailableError } from '../errors.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { accountKey, toAccount, type StoredAccount } from './accounts.ts';
import { dynamo } from './clients.ts';
import { staffKey, toStaffMember } from './directory.ts';
import { grantKey, isActive, toGrant, type Grant } from './grants.ts';
import { fromItem } from './items.ts';
import { invocationState } from '../invocation-context.ts';

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
 * benchmark's raw floor asks DynamoDB Local for exactly this). With `callerId`, the caller's own
 * directory record rides along (issue 20.1): the request's authorization reads it anyway.
 */
export const contactCheckRequest = (
  accountId: string,
  workerId: string,
  names: { accounts: string; directory: string },
  callerId?: string,
): CheckRequest => ({
  [names.accounts]: { Keys: [accountKey(accountId), grantKey(accountId, workerId)], ConsistentRead: true },
  // BatchGetItem refuses a key asked for twice: a worker recording their own contact is one key.
  [names.directory]: {
    Keys: callerId && callerId !== workerId ? [staffKey(workerId), staffKey(callerId)] : [staffKey(workerId)],
  },
});

/** Every item the request found, asking again for keys DynamoDB left unprocessed (throttling). */
async function batchRead(first: CheckRequest): Promise<Array<Record<string, unknown>>> {
  let request: CheckRequest | undefined = first;
  const found: Array<Record<string, unknown>> = [];
  for (let attempt = 1; request && Object.keys(request).length > 0; attempt++) {
    if (attempt > attempts) throw new ServiceUnavailableError();
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    const { Responses = {}, UnprocessedKeys } = await dynamo().send(new BatchGetCommand({ RequestItems: request }));
    for (const items of Object.values(Responses)) for (const item of items) found.push(item);
    request = UnprocessedKeys as typeof request;
  }
  return found;
}

const tableNames = () => ({ accounts: tableName('accounts'), directory: tableName('directory') });
const itemOf = (found: ReadonlyArray<Record<string, unknown>>, key: Key) =>
  found.find((candidate) => candidate.pk === key.pk && candidate.sk === key.sk);

/**
 * The caller's directory record, read in the same BatchGetItem as the checks of the contact they
 * are posting (POST /contacts' `authorize`): one round trip instead of a GetItem and then the
 * batch. The checks' items are kept for this invocation and used by `contactChecks` when it asks
 * for the same account and worker; they were read a moment before, in the same request.
 */
export async function callerWithContactChecks(
  callerId: string,
  accountId: string,
  workerId: string,
): Promise<DirectoryEntry | undefined> {
  const found = await batchRead(contactCheckRequest(accountId, workerId, tableNames(), callerId));
  invocationState().contactChecks = { accountId, workerId, found };
  const entry = itemOf(found, staffKey(callerId));
  return entry ? fromItem<DirectoryEntry>(entry) : undefined;
}

export async function contactChecks(accountId: string, workerId: string, occurredAt: string): Promise<ContactChecks> {
  const state = invocationState();
  const read = state.contactChecks;
  state.contactChecks = undefined;
  const found =
    read?.accountId === accountId && read.workerId === workerId
      ? read.found
      : await batchRead(contactCheckRequest(accountId, workerId, tableNames()));
  const item = (key: Key) => itemOf(found, key);
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
