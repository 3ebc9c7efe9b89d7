/** Records requests for what is not a contact record (CT-06): incidents, decisions, suggestions, audit trail. */
import { exportedRecord, exportRecordsQuery } from '../schemas/records.ts';
import type { RouteDefinition } from './types.ts';

export const exportRecordsRoute = {
  method: 'GET',
  path: '/records/export',
  handler: 'records/export-records',
  auth: 'jwt',
  roles: ['operations', 'records-officer', 'legal'],
  summary:
    'Every record of one account (the account, its incidents, the request and decisions that created it, its ' +
    'audit trail), one account request (with its decisions and trail) or one post suggestion (with its history ' +
    'and trail), for a records request (CT-06), as NDJSON. Each export is audited. Contact records are exported ' +
    'by GET /contacts/export.',
  request: { query: exportRecordsQuery },
  responses: {
    200: { description: 'The records, one per line.', schema: exportedRecord, contentType: 'application/x-ndjson' },
  },
  access: { tables: { accounts: 'read', audit: 'readwrite' }, auditDigests: 'read', signAuditDigests: true },
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const recordRoutes = {
  'GET /records/export': exportRecordsRoute,
} as const satisfies Record<string, RouteDefinition>;
