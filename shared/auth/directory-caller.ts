/**
 * The request-time half of authorization (issue 15.3): one GetItem on the caller's directory record
 * per request, made by the `authorize` middleware. The record is kept in the invocation's state, so a
 * handler that needs the caller's own entry (GET /me, a reveal's TN-10 check) reads it from there
 * instead of asking the directory a second time.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { getDirectoryEntry } from '../adapters/directory.ts';
import { invocationState } from '../invocation-context.ts';
import { callerFromDirectory, identityFromEvent, type Caller, type DirectoryEntry } from './caller.ts';

/** How a route reads the caller's directory record: one GetItem, unless the route folds it into a read of its own. */
export type CallerReader = (id: string) => Promise<DirectoryEntry | undefined>;

/** The caller the token names, as the directory describes them now; 401/403 as callerFromDirectory says. */
export async function resolveCaller(
  event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>,
  read: CallerReader = getDirectoryEntry,
): Promise<{ caller: Caller; entry: DirectoryEntry }> {
  const id = identityFromEvent(event);
  const entry = await read(id);
  return { caller: callerFromDirectory(id, entry), entry: entry! };
}

/**
 * The caller's own directory record: the one `authorize` read for this request when it is theirs,
 * else (outside a request, or for someone else) one GetItem.
 */
export async function callerEntry(staffId: string): Promise<DirectoryEntry | undefined> {
  const known = invocationState().callerEntry;
  if (known?.staffId === staffId) return known;
  return getDirectoryEntry(staffId);
}
