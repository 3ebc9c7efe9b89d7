/**
 * POST /contacts reads the caller's directory record in the same BatchGetItem as the account, grant
 * and worker the contact names (issue 20.1): the busiest write then makes two AWS calls, not three.
 * The body is only peeked at here, before validation: when it is not JSON naming a valid account
 * and worker, the caller is read on their own as on every route, and validation answers later.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { callerWithContactChecks } from '../adapters/contact-checks.ts';
import type { CallerReader } from '../auth/directory-caller.ts';
import { id } from '../schemas/common.ts';
import type { ReadCallerFor } from './route-handler.ts';

/** Bodies larger than this are refused later (`maxBodyBytes`); they are not parsed here either. */
const peekLimit = 64 * 1024;

/** The account and worker a contact body names, if it names valid ones. */
function subjectsOf(event: APIGatewayProxyEventV2): { accountId: string; workerId: string } | undefined {
  if (typeof event.body !== 'string' || event.isBase64Encoded || event.body.length > peekLimit) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(event.body);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { accountId, workerId } = body as Record<string, unknown>;
  if (!id.safeParse(accountId).success || !id.safeParse(workerId).success) return undefined;
  return { accountId: accountId as string, workerId: workerId as string };
}

/** The reader `routeHandler` uses for POST /contacts. */
export const readCallerWithContactChecks: ReadCallerFor = (event): CallerReader | undefined => {
  const subjects = subjectsOf(event);
  if (!subjects) return undefined;
  return (callerId) => callerWithContactChecks(callerId, subjects.accountId, subjects.workerId);
};
