/**
 * What an SES event says about the people it concerns (issue 19.1): who was not reached, how, and
 * whether it is final. A bounce (SES reports soft bounces only once it stops retrying), a complaint
 * and a reject mean the person did not get, or will not get, what we send; a delay is only watched.
 */
import type { SesEvent } from '../schemas/ses-events.ts';

export interface Feedback {
  kind: 'bounce' | 'complaint' | 'reject' | 'delay';
  type: string;
  recipients: string[];
  at: string;
  /** SES's feedback id, else the event's: one per event, so a redelivered event is recognised. */
  feedbackId: string;
  messageId: string;
  /** The person is not reached: their decisions go to someone who is. */
  unreachable: boolean;
  metric: 'MailBounces' | 'MailComplaints' | 'MailRejects' | 'MailDelays';
  /** For people: what happened, in words. */
  description: string;
}

const addresses = (list: Array<{ emailAddress: string }>) => list.map((r) => r.emailAddress);

/** The feedback an SES event carries. */
export function feedbackOf(event: SesEvent): Feedback {
  const { detail } = event;
  const base = { messageId: detail.mail.messageId };
  switch (detail.eventType) {
    case 'Bounce': {
      const b = detail.bounce!;
      return {
        ...base,
        kind: 'bounce',
        type: `${b.bounceType}/${b.bounceSubType}`,
        recipients: addresses(b.bouncedRecipients),
        at: b.timestamp,
        feedbackId: b.feedbackId,
        unreachable: true,
        metric: 'MailBounces',
        description:
          b.bounceSubType === 'Suppressed' || b.bounceSubType === 'OnAccountSuppressionList'
            ? 'the address is on the SES suppression list'
            : `the mailbox bounced it (${b.bounceType.toLowerCase()})`,
      };
    }
    case 'Complaint': {
      const c = detail.complaint!;
      return {
        ...base,
        kind: 'complaint',
        type: c.complaintFeedbackType ?? 'complaint',
        recipients: addresses(c.complainedRecipients),
        at: c.timestamp,
        feedbackId: c.feedbackId,
        unreachable: true,
        metric: 'MailComplaints',
        description: 'they marked our mail as spam, so SES will not send to them again',
      };
    }
    case 'Reject':
      return {
        ...base,
        kind: 'reject',
        type: detail.reject?.reason ?? 'rejected',
        recipients: detail.mail.destination,
        at: event.time,
        feedbackId: event.id,
        unreachable: true,
        metric: 'MailRejects',
        description: 'SES rejected the message',
      };
    case 'DeliveryDelay': {
      const d = detail.deliveryDelay!;
      return {
        ...base,
        kind: 'delay',
        type: d.delayType,
        recipients: addresses(d.delayedRecipients),
        at: d.timestamp,
        feedbackId: event.id,
        unreachable: false,
        metric: 'MailDelays',
        description: `delivery is delayed (${d.delayType})`,
      };
    }
  }
}
