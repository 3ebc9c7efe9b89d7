/**
 * SES sending events as EventBridge delivers them from a configuration set's event destination
 * (source `aws.ses`; SES's "Contents of event data" for Bounce, Complaint, DeliveryDelay, Reject).
 * Only the fields the feedback handler reads are named; the rest pass through unread.
 */
import * as z from 'zod/mini';

const recipients = z.array(z.object({ emailAddress: z.string() }));

export const sesEventDetail = z.object({
  eventType: z.enum(['Bounce', 'Complaint', 'DeliveryDelay', 'Reject']),
  mail: z.object({ messageId: z.string(), timestamp: z.string(), destination: z.array(z.string()) }),
  bounce: z.optional(
    z.object({
      bounceType: z.string(),
      bounceSubType: z.string(),
      bouncedRecipients: recipients,
      timestamp: z.string(),
      feedbackId: z.string(),
    }),
  ),
  complaint: z.optional(
    z.object({
      complainedRecipients: recipients,
      timestamp: z.string(),
      feedbackId: z.string(),
      complaintFeedbackType: z.optional(z.string()),
    }),
  ),
  deliveryDelay: z.optional(z.object({ delayType: z.string(), delayedRecipients: recipients, timestamp: z.string() })),
  reject: z.optional(z.object({ reason: z.string() })),
});

/** The EventBridge envelope around an SES event. */
export const sesEvent = z.object({
  id: z.string(),
  source: z.literal('aws.ses'),
  'detail-type': z.string(),
  time: z.string(),
  detail: sesEventDetail,
});

export type SesEvent = z.infer<typeof sesEvent>;
