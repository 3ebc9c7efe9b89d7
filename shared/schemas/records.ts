/** Records requests beyond contact records (CT-06): what an export names and what each line holds. */
import * as z from 'zod/mini';
import { id, nonEmptyText } from './common.ts';

export const exportRecordsQuery = z
  .strictObject({
    accountId: z.optional(id),
    requestId: z.optional(id),
    suggestionId: z.optional(id),
    format: z.optional(
      z
        .enum(['ndjson', 'bundle'])
        .check(
          z.describe(
            'bundle (with accountId): one signed JSON document with the records, the account audit chain, its ' +
              'digests and the public key, verifiable offline by npm run verify-audit -- --bundle (issue 21.4).',
          ),
        ),
    ),
    requestReference: z.optional(
      nonEmptyText(200).check(
        z.describe('The records request (e.g. FOIA) this export answers; kept in the audit entry.'),
      ),
    ),
  })
  .check(
    z.refine(
      (query) => [query.accountId, query.requestId, query.suggestionId].filter((v) => v !== undefined).length === 1,
      { message: 'exactly one of accountId, requestId, suggestionId', path: ['accountId'] },
    ),
  );

/** One line of the export: the kind of record and the record as the API shows it. */
export const exportedRecord = z.object({
  recordKind: z.enum([
    'account',
    'incident',
    'account-request',
    'decision',
    'post-suggestion',
    'suggestion-event',
    'audit-entry',
  ]),
  record: z.record(z.string(), z.unknown()),
});
