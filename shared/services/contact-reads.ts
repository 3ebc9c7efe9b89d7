/**
 * Reading contact records back: by case, account or worker, a page at a time, exported in full
 * for a records request (CT-06), and the transcripts a case still owes (TN-12). Operations read any
 * list; case systems the records of accounts of the regions they serve (issue 16.7); supervisors
 * only what workers of their own region recorded (DC-09).
 */
import { getAccount } from '../adapters/accounts.ts';
import { appendAudit } from '../adapters/audit.ts';
import { listContacts, scopeFilter, type ContactSubject, type ListPosition } from '../adapters/contacts.ts';
import { getStaffMember } from '../adapters/directory.ts';
import { owedOfCase } from '../adapters/transcripts.ts';
import { hasRole, type Caller } from '../auth/caller.ts';
import { caseSystemRegions, requireServedRegion } from '../domain/case-system-scope.ts';
import { exportFormatOf, exportLine, csvHeader, type ExportFormat } from '../domain/contact-export.ts';
import { custodyBundle } from './custody-bundle.ts';
import { NotFoundError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../domain/contact-cursor.ts';
import { supervisorTeamRegion } from '../domain/supervisor-scope.ts';
import type { ContactView, OwedTranscript } from '../schemas/contacts.ts';

/**
 * Most an export answers with in one response. Lambda returns at most 6 MB to API Gateway, and
 * the JSON envelope escapes quotes and newlines, so 3 MiB of NDJSON or CSV leaves ample room;
 * a larger export says where to continue in its Next-Cursor header.
 */
export const maxExportBytes = 3 * 1024 * 1024;
const defaultPageSize = 50;
const exportPageSize = 200;

export interface ListQuery {
  caseId?: string;
  accountId?: string;
  workerId?: string;
  from?: string;
  to?: string;
  cursor?: string;
}

const iso = (timestamp: string | undefined) =>
  timestamp === undefined ? undefined : new Date(timestamp).toISOString();

/** The one subject the query names (the schema guarantees exactly one). */
function subjectOf(query: ListQuery): { subject: ContactSubject; value: string } {
  if (query.caseId) return { subject: 'caseId', value: query.caseId };
  if (query.accountId) return { subject: 'accountId', value: query.accountId };
  return { subject: 'workerId', value: query.workerId! };
}

/** The schema has already refused a reversed range (`orderedRange`); this only normalises to UTC. */
function rangeOf(query: ListQuery): { from?: string; to?: string } {
  const from = iso(query.from);
  const to = iso(query.to);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** How a caller's view is narrowed: a supervisor's to their workers' region, a case system's to its accounts'. */
type Scope = { workerRegion?: string; accountRegions?: readonly string[] };

/**
 * The caller's view: operations see all, as do the records officers and legal staff who answer records
 * requests (CT-06; the route lets them export only). A case system sees the records of accounts of the
 * regions it serves (issue 16.7), and asking for an account of another region is refused. A
 * supervisor asking for a worker or account of another region is refused outright; for a case,
 * which spans regions, they see only their own region's workers' records.
 */
async function regionScope(caller: Caller, subject: ContactSubject, value: string): Promise<Scope> {
  if (hasRole(caller, ['operations', 'records-officer', 'legal'])) return {};
  const served = caseSystemRegions(caller);
  if (served) {
    const account = subject === 'accountId' ? await getAccount(value) : undefined;
    if (account) requireServedRegion(served, account.region);
    return { accountRegions: served };
  }
  // Who is no supervisor is refused before anything is looked up.
  const region = supervisorTeamRegion(caller, 'case');
  if (subject === 'caseId') return { workerRegion: region };
  const found = subject === 'workerId' ? await getStaffMember(value) : await getAccount(value);
  return { workerRegion: supervisorTeamRegion(caller, { region: found?.region }) };
}

/** One page of a subject's records, oldest first, and the cursor of the next page (null at the end). */
export async function listContactRecords(
  caller: Caller,
  query: ListQuery & { limit?: number },
): Promise<{ items: ContactView[]; nextCursor: string | null }> {
  const { subject, value } = subjectOf(query);
  const range = rangeOf(query);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const scope = await regionScope(caller, subject, value);
  const page = await listContacts({
    subject,
    value,
    ...range,
    ...(after ? { after } : {}),
    limit: query.limit ?? defaultPageSize,
    ...scope,
  });
  return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
}

/**
 * TN-12: the transcripts a case still owes, oldest first, seen as its records are: a case system's
 * for the regions it serves, a supervisor's for their own region's workers (issue 17.7).
 */
export async function listOwedTranscripts(caller: Caller, caseId: string): Promise<{ items: OwedTranscript[] }> {
  const scope = await regionScope(caller, 'caseId', caseId);
  return { items: await owedOfCase(caseId, scopeFilter(scope)) };
}

export interface ExportResult {
  format: ExportFormat;
  body: string;
  records: number;
  nextCursor: string | null;
}

const auditSubject: Record<ContactSubject, string> = { caseId: 'CASE#', accountId: 'ACCOUNT#', workerId: 'STAFF#' };

/**
 * Every record of the subject in the range, rendered whole (an HTTP API cannot stream a Lambda
 * response), up to maxExportBytes; audited before a byte leaves (CT-10), including which records
 * request it answers.
 */
export async function exportContactRecords(
  caller: Caller,
  query: ListQuery & { format?: ExportFormat; requestReference?: string },
  accept: string | undefined,
  now = new Date(),
): Promise<ExportResult> {
  const { subject, value } = subjectOf(query);
  // An account is ours to know (cases and workers are the case system's): an unknown one is 404, and no
  // export entry opens an audit chain for it.
  if (subject === 'accountId' && !(await getAccount(value))) throw new NotFoundError(`No account ${value}.`);
  const range = rangeOf(query);
  const format = exportFormatOf(query.format, accept);
  const scope = await regionScope(caller, subject, value);
  const parts: string[] = format === 'csv' ? [csvHeader()] : [];
  let bytes = Buffer.byteLength(parts.join(''));
  let records = 0;
  let after: ListPosition | undefined = query.cursor ? decodeCursor(query.cursor) : undefined;
  let stoppedAt: ListPosition | undefined;
  do {
    const page = await listContacts({
      subject,
      value,
      ...range,
      ...(after ? { after } : {}),
      limit: exportPageSize,
      ...scope,
    });
    for (const record of page.items) {
      const line = exportLine(format, record);
      if (bytes + Buffer.byteLength(line) > maxExportBytes && records > 0) {
        stoppedAt = after;
        break;
      }
      parts.push(line);
      bytes += Buffer.byteLength(line);
      records += 1;
      after = { occurredAt: record.occurredAt, contactId: record.contactId };
    }
    if (stoppedAt) break;
    after = page.next;
  } while (after);
  const nextCursor = stoppedAt ? encodeCursor(stoppedAt) : null;
  await appendAudit({
    subject: `${auditSubject[subject]}${value}`,
    action: 'contacts.exported',
    actorId: caller.id,
    at: now.toISOString(),
    details: {
      [subject]: value,
      ...range,
      format,
      records,
      complete: nextCursor === null,
      ...(query.requestReference ? { requestReference: query.requestReference } : {}),
    },
  });
  if (format !== 'bundle') return { format, body: parts.join(''), records, nextCursor };
  // The schema allows a bundle for an account only: its chain holds the records' entries and this export's.
  const body = await custodyBundle(`ACCOUNT#${value}`, parts.join(''), now, query.requestReference);
  return { format, body, records, nextCursor };
}
