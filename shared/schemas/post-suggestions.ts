/** Suggested public posts (MO-01, MO-02, MO-03). */
import * as z from 'zod/mini';
import { id, isoTimestamp, nonEmptyText } from './common.ts';

export const suggestionStatuses = [
  'with-supervisor',
  'returned',
  'with-communications',
  'held',
  'approved',
  'declined',
] as const;

export const suggestionBody = z.strictObject({
  text: nonEmptyText(5000),
  eventDate: z.optional(z.iso.date()),
  timeSensitive: z.boolean(),
  /** References to photos or graphics (file names, document ids), never the files themselves. */
  visuals: z.optional(
    z
      .array(z.strictObject({ reference: nonEmptyText(300), description: z.optional(nonEmptyText(500)) }))
      .check(z.maxLength(20)),
  ),
  /** MO-02: both must be true; a suggestion without them is refused. */
  attestations: z.strictObject({ photoPermission: z.boolean(), confidentiality: z.boolean() }),
});

export const suggestionParams = z.object({ suggestionId: z.string().check(z.regex(/^sug_[A-Za-z0-9_-]{22}$/)) });
export const suggestionQuery = z.object({ status: z.optional(z.enum(suggestionStatuses)) });

export const suggestionEvent = z.object({
  at: isoTimestamp,
  actorId: z.string(),
  action: z.string(),
  comment: z.optional(z.string()),
  holdUntil: z.optional(z.string()),
});

export const suggestionView = z.object({
  suggestionId: z.string(),
  submitterId: z.string(),
  supervisorId: z.string(),
  text: z.string(),
  eventDate: z.optional(z.string()),
  timeSensitive: z.boolean(),
  visuals: z.array(z.object({ reference: z.string(), description: z.optional(z.string()) })),
  status: z.enum(suggestionStatuses),
  submittedAt: isoTimestamp,
  holdUntil: z.optional(z.string()),
  history: z.array(suggestionEvent),
});
export const suggestionList = z.object({ items: z.array(suggestionView) });
export const submitted = z.object({ suggestionId: id });
