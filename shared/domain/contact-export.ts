/**
 * Contact records as a records request receives them (CT-06): NDJSON, one record per line, or
 * CSV (RFC 4180) with a fixed column order, so every export of the system reads the same way.
 */
import type { ContactView } from '../schemas/contacts.ts';

/** `bundle`: the NDJSON records inside a signed chain-of-custody document (issue 21.4). */
export type ExportFormat = 'ndjson' | 'csv' | 'bundle';

export const exportContentTypes: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  bundle: 'application/json; charset=utf-8',
};

/** `format=` wins; otherwise an Accept header asking for CSV gets CSV, anything else NDJSON. */
export const exportFormatOf = (format: ExportFormat | undefined, accept: string | undefined): ExportFormat =>
  format ?? (/\btext\/csv\b/i.test(accept ?? '') ? 'csv' : 'ndjson');

const columns: Array<[string, (record: ContactView) => unknown]> = [
  ['contactId', (r) => r.contactId],
  ['caseId', (r) => r.caseId],
  ['accountId', (r) => r.accountId],
  ['occurredAt', (r) => r.occurredAt],
  ['recordedAt', (r) => r.recordedAt],
  ['recordedBy', (r) => r.recordedBy],
  ['workerId', (r) => r.workerId],
  ['workerName', (r) => r.workerName],
  ['workerEmail', (r) => r.workerContact.email],
  ['workerPhone', (r) => r.workerContact.phone],
  ['workerRegion', (r) => r.workerRegion],
  ['recipientHandle', (r) => r.recipient.handle],
  ['recipientVerified', (r) => r.recipient.verified],
  ['channel', (r) => r.channel],
  ['direction', (r) => r.direction],
  ['purpose', (r) => r.purpose],
  ['messageKind', (r) => r.messageKind],
  ['disclosed', (r) => r.disclosed.join(';')],
  ['summary', (r) => r.summary],
  ['transcriptDocumentId', (r) => r.transcriptDocumentId],
  ['lastResortReason', (r) => r.lastResortReason],
  ['publicChannelReason', (r) => r.publicChannelReason],
  ['researchJustification', (r) => r.researchJustification],
  ['supersedes', (r) => r.supersedes],
  ['retainUntil', (r) => r.retainUntil],
  // Issue 17.6-17.7, after the original columns so that existing readers keep their positions.
  ['messageText', (r) => r.messageText],
  ['conversationEnded', (r) => r.conversationEnded],
  ['transcriptOwed', (r) => r.transcriptOwed],
  ['evidence', (r) => (r.evidence ?? []).map((entry) => `${entry.rule}: ${entry.note}`).join(' | ')],
];

/**
 * One CSV field. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed
 * with an apostrophe: summaries are free text written about families, and an export is opened by
 * people, not only parsed.
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = (): string => `${columns.map(([name]) => name).join(',')}\r\n`;

/** One record as a line of the chosen format, line ending included. */
export const exportLine = (format: ExportFormat, record: ContactView): string =>
  format === 'csv' ? `${columns.map(([, get]) => csvField(get(record))).join(',')}\r\n` : `${JSON.stringify(record)}\n`;
