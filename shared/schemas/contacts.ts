/**
 * Contact records (TN-12) as case systems post and read them. Field names are the contract's;
 * `disclosed`, `publicChannelReason`, `researchJustification`, `supersedes`, `protectedNames`,
 * `messageText` and `conversationEnded` extend it (issue 17.6, 17.7).
 */
import * as z from 'zod/mini';
import { contactPurposes, researchJustifications } from '../policy/vocabulary.ts';
import { errorBody, id, isoTimestamp, orderedRange } from './common.ts';

export const contactChannels = ['private-message', 'public-comment'] as const;
export const contactDirections = ['outbound', 'inbound'] as const;
export const messageKinds = ['initial-contact-request', 'conversation'] as const;
/** What a message shared; TN-13 allows none of these to an unverified recipient. */
export const disclosureCategories = [
  'child-name',
  'case-details',
  'placement',
  'family-members',
  'health',
  'education',
  'court-proceedings',
  'location',
] as const;

const oneOf = (values: readonly string[]) => ({ error: `one of: ${values.join(', ')}` });
const text = (max: number) => z.string().check(z.trim(), z.maxLength(max, `at most ${max} characters`));
const contactIdPattern = /^ctc_[A-Za-z0-9_-]{22}$/;
export const contactId = z.string().check(z.regex(contactIdPattern, 'a contact id (ctc_…)'));

const example = {
  caseId: 'case-2026-00417',
  accountId: 'acc_3hQ9yJz2mV0aX7bK4cT1eW',
  workerId: 'stf-staff',
  workerName: 'Sky Caseworker',
  workerContact: { email: 'sky.caseworker@agency.example', phone: '865-555-0142' },
  recipient: { handle: 'facebook.com/jamie.r', verified: false },
  channel: 'private-message',
  direction: 'outbound',
  purpose: 'diligent-search',
  messageKind: 'initial-contact-request',
  occurredAt: '2026-11-20T15:04:05.000Z',
  summary: 'Asked the mother to call the office about her son; no names used.',
  disclosed: [],
};

export const contactBody = z
  .strictObject({
    caseId: id,
    accountId: id.check(z.describe('The official account the message went through (TN-01, NJ-01).')),
    workerId: id.check(z.describe('Staff id of the worker; they must hold a grant on the account (TN-07).')),
    // Present but blank is a TN-11 refusal (422), not a schema error: the policy names it.
    workerName: text(200).check(z.describe('TN-11: the name the worker gave the recipient.')),
    workerContact: z
      .strictObject({
        email: z.optional(z.email('an email address')),
        phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ().-]{7,25}$/, 'a telephone number'))),
      })
      .check(z.describe('TN-11: how the recipient can reach the worker; at least one of email and phone.')),
    recipient: z.strictObject({
      handle: text(200).check(z.minLength(1, 'required')),
      verified: z.boolean().check(z.describe("Whether the recipient's identity is confirmed; if not, TN-13 applies.")),
    }),
    channel: z.enum(contactChannels, oneOf(contactChannels)),
    direction: z.enum(contactDirections, oneOf(contactDirections)),
    purpose: z.enum(contactPurposes, oneOf(contactPurposes)),
    messageKind: z.enum(messageKinds, oneOf(messageKinds)),
    occurredAt: isoTimestamp.check(
      z.describe('When the message was sent or received; retention counts from it (CT-06).'),
    ),
    summary: z.optional(text(4000)),
    transcriptDocumentId: z.optional(
      text(200).check(z.describe("TN-12: the conversation's transcript in the case's documents.")),
    ),
    lastResortReason: z.optional(
      text(2000).check(z.describe('NJ-06: why other means of contact failed. Required where the profile says so.')),
    ),
    publicChannelReason: z.optional(
      text(2000).check(z.describe('NJ-07: why a public comment instead of a private message.')),
    ),
    researchJustification: z.optional(
      z
        .enum(researchJustifications, oneOf(researchJustifications))
        .check(z.describe('DC-07: why research on a client is allowed.')),
    ),
    disclosed: z.optional(
      z
        .array(z.enum(disclosureCategories, oneOf(disclosureCategories)))
        .check(
          z.maxLength(disclosureCategories.length),
          z.describe('Categories of information the message shared; an unverified recipient may be sent none (TN-13).'),
        ),
    ),
    supersedes: z.optional(
      contactId.check(z.describe('A correction names the record it replaces; records themselves never change.')),
    ),
    messageText: z.optional(
      text(4000).check(
        z.describe('The text the agency sent, where the case system has it; scanned like the summary (CT-03, TN-13).'),
      ),
    ),
    protectedNames: z.optional(
      z
        .array(text(200).check(z.minLength(1, 'required')))
        .check(
          z.maxLength(50),
          z.describe(
            "The child's and family's names: the summary and message text are scanned for them (and for the case " +
              'id) where nothing confidential may go (CT-03, TN-13). Used for the check only, never stored.',
          ),
        ),
    ),
    conversationEnded: z.optional(
      z
        .boolean()
        .check(
          z.describe(
            'TN-12: false while a conversation goes on; a finished conversation (the default) without ' +
              'transcriptDocumentId owes its transcript where the profile tracks transcripts.',
          ),
        ),
    ),
  })
  .check(z.meta({ examples: [example] }));
export type ContactBody = z.infer<typeof contactBody>;

export const idempotencyHeaders = z.object({
  'idempotency-key': z.optional(
    z
      .string()
      .check(
        z.regex(/^[\x21-\x7e]{1,255}$/, '1 to 255 visible ASCII characters'),
        z.describe(
          'Makes retries safe: the same key and body return the original response and write nothing; the same key ' +
            'with another body is 409.',
        ),
        z.meta({ examples: ['3f1c7a52-9a0e-4c55-8a8e-2d61b3b0f6a4'] }),
      ),
  ),
});

export const recorded = z
  .object({ contactId })
  .check(z.meta({ examples: [{ contactId: 'ctc_Vb3kQw9ZrT1xYp0LmN8sAe' }] }));

/** What a record keeps as evidence of a rule (DC-05, TN-12): the rule id and, in words, what was found. */
export const evidenceEntry = z.object({ rule: z.string(), note: z.string() });
export type EvidenceEntry = z.infer<typeof evidenceEntry>;

// The protected names serve the check only: a record is a public record (CT-06) and never keeps them.
const { protectedNames: _protectedNames, ...recordShape } = contactBody.def.shape;

export const contactView = z.object({
  contactId,
  ...recordShape,
  disclosed: z.array(z.enum(disclosureCategories)),
  evidence: z.optional(
    z
      .array(evidenceEntry)
      .check(z.describe('Rules this record keeps evidence of (DC-05, TN-12), with what was found.')),
  ),
  transcriptOwed: z.optional(
    z
      .boolean()
      .check(
        z.describe('TN-12: recorded as owing its transcript; GET /contacts/transcripts-owed says if it still does.'),
      ),
  ),
  recordedAt: isoTimestamp,
  recordedBy: z.string().check(z.describe('The case system that posted the record.')),
  workerRegion: z.string(),
  retainUntil: isoTimestamp.check(z.describe('CT-06: disposed of after this time unless a hold applies.')),
  retentionSchedule: z
    .object({ profile: z.string(), days: z.int() })
    .check(z.describe('The schedule retainUntil was computed under.')),
});
export type ContactView = z.infer<typeof contactView>;

type Subjects = { caseId?: string | undefined; accountId?: string | undefined; workerId?: string | undefined };
const exactlyOneSubject = z.refine<Subjects>(
  (query) => [query.caseId, query.accountId, query.workerId].filter(Boolean).length === 1,
  {
    message: 'exactly one of caseId, accountId, workerId',
    path: ['caseId'],
  },
);

const range = {
  from: z.optional(isoTimestamp.check(z.describe('Earliest occurredAt, inclusive.'))),
  to: z.optional(isoTimestamp.check(z.describe('Latest occurredAt, inclusive.'))),
  cursor: z.optional(z.string().check(z.maxLength(512), z.describe('nextCursor of the previous page, as given.'))),
};

export const listContactsQuery = z
  .strictObject({
    caseId: z.optional(id),
    accountId: z.optional(id),
    workerId: z.optional(id),
    ...range,
    limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  })
  .check(exactlyOneSubject, orderedRange);

export const exportContactsQuery = z
  .strictObject({
    caseId: z.optional(id),
    accountId: z.optional(id),
    workerId: z.optional(id),
    ...range,
    format: z.optional(
      z
        .enum(['ndjson', 'csv', 'bundle'], oneOf(['ndjson', 'csv', 'bundle']))
        .check(
          z.describe(
            'Overrides the Accept header; NDJSON when neither asks for CSV. bundle (with accountId): one signed ' +
              "JSON document with the records, the account's audit chain, its digests and the public key, " +
              'verifiable offline by npm run verify-audit -- --bundle (issue 21.4).',
          ),
        ),
    ),
    requestReference: z.optional(
      text(200).check(z.describe('The records request (e.g. FOIA) this export answers; kept in the audit entry.')),
    ),
  })
  .check(
    exactlyOneSubject,
    orderedRange,
    z.refine((query) => query.format !== 'bundle' || query.accountId !== undefined, {
      message: "a bundle covers one account's audit chain: export by accountId",
      path: ['format'],
    }),
  );

export const contactList = z.object({ items: z.array(contactView), nextCursor: z.nullable(z.string()) }).check(
  z.meta({
    examples: [
      {
        items: [
          {
            contactId: 'ctc_Vb3kQw9ZrT1xYp0LmN8sAe',
            ...example,
            recordedAt: '2026-11-20T15:06:00.000Z',
            recordedBy: 'stf-case-system',
            workerRegion: 'smoky-mountain',
            retainUntil: '2033-11-19T15:04:05.000Z',
            retentionSchedule: { profile: 'tn-dcs', days: 2555 },
          },
        ],
        nextCursor: 'eyJvIjoiMjAyNi0xMS0yMFQxNTowNDowNS4wMDBaIiwiYyI6ImN0Y19WYjNrUXc5WnJUMXhZcDBMbU44c0FlIn0',
      },
    ],
  }),
);

export const policyRefusal = errorBody.check(
  z.meta({
    examples: [
      {
        error: {
          code: 'TN-13',
          message: 'TN-13: an unverified recipient may only be sent an initial contact request',
          details: [
            {
              field: 'body.messageKind',
              message: 'TN-13: an unverified recipient may only be sent an initial contact request',
            },
          ],
        },
      },
    ],
  }),
);

/** `POST /contacts/{contactId}/transcript`: the transcript a record owes (TN-12). */
export const contactIdParams = z.strictObject({ contactId });
export const transcriptBody = z.strictObject({
  transcriptDocumentId: text(200).check(
    z.minLength(1, 'required'),
    z.describe("TN-12: the conversation's transcript in the case's documents."),
  ),
});
export const transcriptSupplied = z
  .object({ contactId, transcriptDocumentId: z.string(), suppliedAt: isoTimestamp, suppliedBy: z.string() })
  .check(
    z.meta({
      examples: [
        {
          contactId: 'ctc_Vb3kQw9ZrT1xYp0LmN8sAe',
          transcriptDocumentId: 'doc-2026-11-20-0042',
          suppliedAt: '2026-11-21T09:00:00.000Z',
          suppliedBy: 'stf-case-system',
        },
      ],
    }),
  );

/** `GET /contacts/transcripts-owed?caseId=…`: what a case still owes (TN-12). */
export const transcriptsOwedQuery = z.strictObject({ caseId: id });
export const owedTranscript = z.object({
  contactId,
  caseId: z.string(),
  accountId: z.string(),
  workerId: z.string(),
  occurredAt: isoTimestamp,
  recordedAt: isoTimestamp,
  remindedAt: z.optional(isoTimestamp.check(z.describe("When the worker's supervisor was last reminded."))),
  reminders: z.optional(z.int()),
});
export type OwedTranscript = z.infer<typeof owedTranscript>;
export const owedTranscriptList = z.object({ items: z.array(owedTranscript) });
