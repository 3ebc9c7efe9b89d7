/** Contact records from case systems (TN-12), holds and export (CT-06). */
import { errorBody } from '../schemas/common.ts';
import {
  contactBody,
  contactIdParams,
  contactList,
  contactView,
  exportContactsQuery,
  idempotencyHeaders,
  listContactsQuery,
  owedTranscriptList,
  policyRefusal,
  recorded,
  transcriptBody,
  transcriptsOwedQuery,
  transcriptSupplied,
} from '../schemas/contacts.ts';
import {
  disposalList,
  disposalsQuery,
  holdList,
  holdParams,
  holdsQuery,
  holdView,
  liftHoldBody,
  placeHoldBody,
  placed,
} from '../schemas/holds.ts';
import type { RouteDefinition } from './types.ts';

/** Reads check the worker's region (directory) and the account's region for supervisors. */
const readAccess = { tables: { contacts: 'read', directory: 'read', accounts: 'read' } } as const;
const holdAccess = { tables: { contacts: 'readwrite', accounts: 'read', audit: 'readwrite' } } as const;

export const recordContactRoute = {
  method: 'POST',
  path: '/contacts',
  handler: 'contacts/record-contact',
  auth: 'jwt',
  roles: ['case-system'],
  summary:
    'A case system records a contact made through an official account (TN-12); records never change, a correction ' +
    'supersedes. Refused with 422 and the rule id, writing nothing: not a registered active official account ' +
    '(TN-01, NJ-01; DC-08 for research where the profile lists it); the worker holds no grant on it (TN-07); no ' +
    'worker name or contact detail (TN-11); an unverified recipient sent more than an initial contact request, or ' +
    'anything disclosed (TN-13); and, where the profile says so, no last-resort reason (NJ-06), a public comment ' +
    'without a reason (NJ-07), a worker outside the allowed units communicating with a client (DC-03; research ' +
    'that sends nothing is not communication), a purpose kept off social media (DC-04), research without a ' +
    'justification (DC-07). Also refused: an account whose purpose is not client contact, such as news or ' +
    'public information (TN-04); a public comment that discloses anything, or whose summary or message text ' +
    'names a protectedNames entry or the case id (CT-03); the same names or case id in what goes to an ' +
    'unverified recipient (TN-13). The protected names serve the check only and are never stored or echoed. ' +
    'Where the profile lists DC-05 the record keeps, in `evidence`, how the ban on client contact covered it; ' +
    'where it tracks transcripts (TN-12), a finished conversation without transcriptDocumentId is recorded ' +
    'as owing one (`transcriptOwed`, `evidence`).',
  request: { body: contactBody, headers: idempotencyHeaders },
  responses: {
    201: {
      description: 'Recorded (or, for a retry with the same Idempotency-Key and body, the original response).',
      schema: recorded,
    },
    409: {
      description:
        'The Idempotency-Key was used for a different body, or the superseded record already has a correction.',
      schema: errorBody,
    },
    422: {
      description: 'Refused by a policy rule; `code` is the first rule broken, `details` lists every one.',
      schema: policyRefusal,
    },
  },
  access: { tables: { contacts: 'readwrite', accounts: 'read', directory: 'read' } },
} as const satisfies RouteDefinition;

export const listContactsRoute = {
  method: 'GET',
  path: '/contacts',
  handler: 'contacts/list-contacts',
  auth: 'jwt',
  roles: ['case-system', 'supervisor'],
  summary:
    'Contact records of one case, account or worker, oldest first, a page at a time (pass nextCursor back as ' +
    'cursor). Supervisors see only records of workers of their own region (DC-09).',
  request: { query: listContactsQuery },
  responses: { 200: { description: 'A page of records.', schema: contactList } },
  access: readAccess,
} as const satisfies RouteDefinition;

export const exportContactsRoute = {
  method: 'GET',
  path: '/contacts/export',
  handler: 'contacts/export-contacts',
  auth: 'jwt',
  // Records officers and legal answer records requests (CT-06), as they do for every other record.
  roles: ['case-system', 'operations', 'records-officer', 'legal'],
  summary:
    'Every record of one case, account or worker for a records request (CT-06), as NDJSON (one record per line, ' +
    'the shape of GET /contacts items) or CSV (format=csv or Accept: text/csv). Each export is audited. A ' +
    'response holds at most 3 MiB; when more remain, the Next-Cursor header says where to continue (pass it as ' +
    'cursor). format=bundle, with accountId, wraps the NDJSON in a signed chain-of-custody document (issue 21.4).',
  request: { query: exportContactsQuery },
  responses: {
    200: {
      description: 'The records, one per line. CSV has a header row and the same fields, flattened.',
      schema: contactView,
      contentType: 'application/x-ndjson',
    },
  },
  // readAccess's tables and the audit table; written out, as a spread would keep this route in every
  // contacts bundle (index.ts).
  access: {
    tables: { contacts: 'read', directory: 'read', accounts: 'read', audit: 'readwrite' },
    // format=bundle (issue 21.4): the digests sealed over the account's chain, and the manifest's signature.
    auditDigests: 'read',
    signAuditDigests: true,
  },
} as const satisfies RouteDefinition;

export const placeHoldRoute = {
  method: 'POST',
  path: '/holds',
  handler: 'holds/place-hold',
  auth: 'jwt',
  roles: ['operations', 'director'],
  summary:
    'A litigation hold on a case or an account (CT-06): none of its records is disposed of until the hold is ' +
    "lifted. Directors hold their own region's accounts.",
  request: { body: placeHoldBody },
  responses: { 201: { description: 'Placed.', schema: placed } },
  access: holdAccess,
} as const satisfies RouteDefinition;

export const listHoldsRoute = {
  method: 'GET',
  path: '/holds',
  handler: 'holds/list-holds',
  auth: 'jwt',
  roles: ['operations', 'director', 'records-officer', 'legal'],
  summary: "Holds, oldest first; directors see their region's.",
  request: { query: holdsQuery },
  responses: { 200: { description: 'The holds.', schema: holdList } },
  access: { tables: { contacts: 'read' } },
} as const satisfies RouteDefinition;

export const liftHoldRoute = {
  method: 'DELETE',
  path: '/holds/{holdId}',
  handler: 'holds/lift-hold',
  auth: 'jwt',
  // Operations and directors reach the service, which refuses them citing CT-06.
  roles: ['records-officer', 'legal', 'operations', 'director'],
  summary:
    'Lifts a hold, with the reason (audited); its records become disposable again when their retention ends. ' +
    'Only a records officer or legal counsel lifts one, never a director of the held region (CT-06).',
  request: { params: holdParams, body: liftHoldBody },
  responses: {
    200: { description: 'Lifted.', schema: holdView },
    409: { description: 'Already lifted.', schema: errorBody },
  },
  access: holdAccess,
} as const satisfies RouteDefinition;

export const listDisposalsRoute = {
  method: 'GET',
  path: '/disposals',
  handler: 'contacts/list-disposals',
  auth: 'jwt',
  roles: ['operations'],
  summary:
    'The disposal log of one day: which records the scheduled job disposed of, when, and under which retention ' +
    'schedule (CT-06).',
  request: { query: disposalsQuery },
  responses: { 200: { description: "The day's disposals.", schema: disposalList } },
  access: { tables: { contacts: 'read' } },
} as const satisfies RouteDefinition;

export const supplyTranscriptRoute = {
  method: 'POST',
  path: '/contacts/{contactId}/transcript',
  handler: 'contacts/supply-transcript',
  auth: 'jwt',
  roles: ['case-system'],
  summary:
    'TN-12: the case system that recorded a finished conversation without its transcript records the ' +
    "transcript's document id once it is in the case's documents; the record itself never changes, and " +
    "the supervisor's reminders stop. A retry with the same document answers 200 again. A correction that " +
    'supersedes the record with transcriptDocumentId settles it too.',
  request: { params: contactIdParams, body: transcriptBody },
  responses: {
    200: { description: 'The transcript is recorded; nothing is owed any more.', schema: transcriptSupplied },
    404: { description: 'No record of this case system has this id.', schema: errorBody },
    409: {
      description: 'The record owes no transcript (it had one, or was superseded), or has another one already.',
      schema: errorBody,
    },
  },
  access: { tables: { contacts: 'readwrite' } },
} as const satisfies RouteDefinition;

export const listTranscriptsOwedRoute = {
  method: 'GET',
  path: '/contacts/transcripts-owed',
  handler: 'contacts/list-transcripts-owed',
  auth: 'jwt',
  roles: ['case-system', 'supervisor'],
  summary:
    "TN-12: the transcripts a case's records still owe, oldest first, with when the supervisor was last " +
    'reminded. Seen as the records are: case systems for the regions they serve, supervisors for workers of ' +
    'their own region (DC-09).',
  request: { query: transcriptsOwedQuery },
  responses: { 200: { description: 'What the case still owes.', schema: owedTranscriptList } },
  access: { tables: { contacts: 'read', directory: 'read', accounts: 'read' } },
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const contactRoutes = {
  'POST /contacts': recordContactRoute,
  'GET /contacts': listContactsRoute,
  'GET /contacts/export': exportContactsRoute,
  'POST /contacts/{contactId}/transcript': supplyTranscriptRoute,
  'GET /contacts/transcripts-owed': listTranscriptsOwedRoute,
  'POST /holds': placeHoldRoute,
  'GET /holds': listHoldsRoute,
  'DELETE /holds/{holdId}': liftHoldRoute,
  'GET /disposals': listDisposalsRoute,
} as const satisfies Record<string, RouteDefinition>;
