/**
 * The emails of a suggested post: the reviewer's ask to decide at each stage, and the submitter's
 * notice of what became of it.
 */
import { html } from '../html.ts';
import { humanDate, humanTime } from '../human-time.ts';
import { emailMessage, type EmailMessage } from './message.ts';

/** MO-01/MO-03: a supervisor or Communications is asked to decide on a suggested post. */
export function suggestionReview(input: {
  to: string;
  reviewerName: string;
  submitterName: string;
  stage: 'supervisor' | 'communications' | 'back-from-hold';
  excerpt: string;
  eventDate?: string;
  timeSensitive: boolean;
  link: string;
  expiresAt: string;
  /** The zone its times are shown in (issue 19.4): the region's, else the agency's. */
  timeZone: string;
}): EmailMessage {
  const ask = {
    supervisor: 'Forward it to Communications or return it.',
    communications: 'Approve it for posting, decline it with a reason, or hold it for later.',
    'back-from-hold': 'You held it for later; it is back for your decision.',
  }[input.stage];
  const urgency = input.timeSensitive ? ' (time-sensitive)' : '';
  const event = input.eventDate ? ` about an event on ${humanDate(input.eventDate)}` : '';
  const lead =
    `${input.reviewerName}, ${input.submitterName} suggested a post for the department's public account` +
    `${urgency}${event}. ${ask}`;
  return emailMessage(
    `suggestion-${input.stage}`,
    [input.to],
    `${input.timeSensitive ? 'Time-sensitive: ' : ''}Suggested post from ${input.submitterName}`,
    [
      lead,
      '',
      `"${input.excerpt}"`,
      '',
      `Review and decide: ${input.link}`,
      `The link works once and expires ${humanTime(input.expiresAt, input.timeZone)}.`,
    ],
    html`
    <p>${lead}</p>
    <blockquote>${input.excerpt}</blockquote>
    <p><a href="${input.link}">Review and decide</a></p>
    <p>The link works once and expires ${humanTime(input.expiresAt, input.timeZone)}.</p>`,
  );
}

/** The submitter hears what happened to their suggestion. */
export function suggestionOutcome(input: {
  to: string;
  status: string;
  comment?: string;
  holdUntil?: string;
  recordLink: string;
}): EmailMessage {
  const what: Record<string, string> = {
    returned: 'was returned by your supervisor',
    approved: 'was approved for posting by Communications',
    declined: 'was declined by Communications',
    held: `is held by Communications until ${input.holdUntil ?? 'later'}`,
  };
  const comment = input.comment ? ` Comment: ${input.comment}` : '';
  const lead = `Your suggested post ${what[input.status] ?? input.status}.${comment}`;
  return emailMessage(
    `suggestion-${input.status}`,
    [input.to],
    `Your suggested post: ${input.status}`,
    [lead, '', `Record: ${input.recordLink}`],
    html`
    <p>${lead}</p>
    <p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}
