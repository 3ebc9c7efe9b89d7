/**
 * Records requests (CT-06) for what is not a contact record: an account with its incidents, the
 * request and decisions that created it and its audit trail; a request; a suggestion. Every export is
 * audited with who, what and the request reference (CT-10).
 */
import { getAccount } from '../adapters/accounts.ts';
import { getRequest } from '../adapters/account-requests.ts';
import { appendAudit, fullAuditTrail } from '../adapters/audit.ts';
import { incidentsOfAccount } from '../adapters/incidents.ts';
import { getSuggestion } from '../adapters/post-suggestions.ts';
import type { Caller } from '../auth/caller.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { custodyBundle } from './custody-bundle.ts';

type Line = { recordKind: string; record: unknown };

async function requestLines(requestId: string): Promise<Line[]> {
  const found = await getRequest(requestId);
  if (!found) return [];
  const { request, decisions } = found;
  const { uniquenessKey: _u, ...visible } = request;
  return [
    { recordKind: 'account-request', record: visible },
    ...decisions.map((decision) => ({ recordKind: 'decision', record: decision })),
    ...(await fullAuditTrail(`REQUEST#${requestId}`)).map((entry) => ({ recordKind: 'audit-entry', record: entry })),
  ];
}

async function accountLines(accountId: string): Promise<Line[]> {
  const account = await getAccount(accountId);
  if (!account) throw new NotFoundError(`No account ${accountId}.`);
  const { secretArn: _s, ...visible } = account;
  return [
    { recordKind: 'account', record: visible },
    ...(await incidentsOfAccount(accountId)).map((incident) => ({ recordKind: 'incident', record: incident })),
    ...(await requestLines(account.requestId)),
    ...(await fullAuditTrail(`ACCOUNT#${accountId}`)).map((entry) => ({ recordKind: 'audit-entry', record: entry })),
  ];
}

async function suggestionLines(suggestionId: string): Promise<Line[]> {
  const found = await getSuggestion(suggestionId);
  if (!found) throw new NotFoundError(`No post suggestion ${suggestionId}.`);
  return [
    { recordKind: 'post-suggestion', record: found.suggestion },
    ...found.history.map((event) => ({ recordKind: 'suggestion-event', record: event })),
    ...(await fullAuditTrail(`SUGGESTION#${suggestionId}`)).map((entry) => ({
      recordKind: 'audit-entry',
      record: entry,
    })),
  ];
}

/**
 * The records the query names, as NDJSON, and the audit entry of the export; with `format: 'bundle'`, the
 * records with the account's audit chain, digests and public key in one signed bundle (issue 21.4).
 */
export async function exportRecords(
  caller: Caller,
  query: {
    accountId?: string;
    requestId?: string;
    suggestionId?: string;
    requestReference?: string;
    format?: 'ndjson' | 'bundle';
  },
  now = new Date(),
): Promise<{ body: string; records: number; format: 'ndjson' | 'bundle' }> {
  if (query.format === 'bundle' && !query.accountId)
    throw new ValidationError('A bundle is made of one account and its audit chain.', [
      { field: 'query.accountId', message: 'required with format=bundle' },
    ]);
  let lines: Line[];
  if (query.accountId) lines = await accountLines(query.accountId);
  else if (query.requestId) {
    lines = await requestLines(query.requestId);
    if (lines.length === 0) throw new NotFoundError(`No account request ${query.requestId}.`);
  } else lines = await suggestionLines(query.suggestionId!);
  const subject = query.accountId
    ? `ACCOUNT#${query.accountId}`
    : query.requestId
      ? `REQUEST#${query.requestId}`
      : `SUGGESTION#${query.suggestionId}`;
  await appendAudit({
    subject,
    action: 'records.exported',
    actorId: caller.id,
    at: now.toISOString(),
    details: { records: lines.length, ...(query.requestReference ? { requestReference: query.requestReference } : {}) },
  });
  const ndjson = lines.map((line) => JSON.stringify(line)).join('\n') + (lines.length ? '\n' : '');
  if (query.format !== 'bundle') return { body: ndjson, records: lines.length, format: 'ndjson' };
  return {
    body: await custodyBundle(subject, ndjson, now, query.requestReference),
    records: lines.length,
    format: 'bundle',
  };
}
