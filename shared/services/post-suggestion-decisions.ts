/**
 * Post suggestions as decision-link subjects (MO-01, MO-03): the supervisor forwards or returns;
 * Communications approves, declines (with a reason) or holds until a date, within the profile's
 * longest hold. Each decision moves the suggestion in the same transaction that spends the link.
 */
import { revokeOpenLinks, type DecisionLink } from '../adapters/decision-links.ts';
import { getStaffMember } from '../adapters/directory.ts';
import {
  decideSuggestion,
  getSuggestion,
  suggestionToken,
  type SuggestionStatus,
} from '../adapters/post-suggestions.ts';
import { completeTask } from '../adapters/workflow-signals.ts';
import { decisionPage, decisionResultPage } from '../views/decision-pages.ts';
import { humanDate, humanDay, humanTime } from '../views/human-time.ts';
import { startOfDay } from '../domain/local-day.ts';
import { regionTimeZone } from '../policy/time-zone.ts';
import { hashLinkToken } from '../domain/ids.ts';
import { ValidationError } from '../errors.ts';
import { activeProfile } from '../policy/index.ts';
import type { DecisionForm, SubjectState } from './decision-links.ts';
import { outcomeOfStatus } from './post-suggestions.ts';

const waitingStatus = (link: DecisionLink): SuggestionStatus =>
  link.slot === 0 ? 'with-supervisor' : 'with-communications';

export async function postSuggestionState(link: DecisionLink): Promise<SubjectState> {
  const found = await getSuggestion(link.subject.id);
  if (!found) return { open: false, status: 'gone' };
  return found.suggestion.status === waitingStatus(link)
    ? { open: true }
    : { open: false, status: `a suggestion already ${found.suggestion.status}` };
}

export async function postSuggestionPage(link: DecisionLink, token: string): Promise<string> {
  const { suggestion } = (await getSuggestion(link.subject.id))!;
  const [holder, submitter] = await Promise.all([
    getStaffMember(link.holderId),
    getStaffMember(suggestion.submitterId),
  ]);
  const supervisor = link.slot === 0;
  return decisionPage({
    approvalId: link.approvalId,
    token,
    heading: 'A suggested post for the public account',
    intro:
      `${holder?.name ?? link.holderId}, ${submitter?.name ?? suggestion.submitterId} suggests this post. ` +
      (supervisor
        ? 'Forward it to Communications or return it.'
        : 'Approve it for posting, decline it (say why), or hold it until a date.'),
    facts: [
      ['Text', suggestion.text],
      ...(suggestion.eventDate ? ([['Event date', humanDate(suggestion.eventDate)]] as Array<[string, string]>) : []),
      ['Time-sensitive', suggestion.timeSensitive ? 'yes' : 'no'],
      ['Visuals', suggestion.visuals.map((v) => v.reference).join(', ') || 'none'],
      ['Attested (MO-02)', "photo permission obtained; no child's or family's confidentiality broken"],
      // The profile's postSuggestions.linkValidDays after the link was sent.
      ['Link valid until', humanTime(link.expiresAt, regionTimeZone(submitter?.region))],
    ],
    choices: supervisor
      ? [
          { value: 'forward', label: 'Forward to Communications', tone: 'approve' },
          { value: 'return', label: 'Return to the submitter', tone: 'reject' },
        ]
      : [
          { value: 'approve', label: 'Approve for posting', tone: 'approve' },
          { value: 'decline', label: 'Decline', tone: 'reject' },
          { value: 'hold', label: 'Hold until…', tone: 'neutral' },
        ],
    ...(supervisor ? {} : { dateField: { name: 'holdUntil', label: 'Hold until (for "Hold")' } }),
  });
}

const nextStatus: Record<string, SuggestionStatus> = {
  forward: 'with-communications',
  return: 'returned',
  approve: 'approved',
  decline: 'declined',
  hold: 'held',
};

export async function decidePostSuggestion(
  link: DecisionLink,
  token: string,
  form: DecisionForm,
  now: Date,
): Promise<string> {
  const { suggestion } = (await getSuggestion(link.subject.id))!;
  if (form.decision === 'decline' && !form.comment)
    throw new ValidationError('Say why the suggestion is declined.', [
      { field: 'body.comment', message: 'required to decline' },
    ]);
  if (form.decision === 'hold') {
    const maxDays = activeProfile().postSuggestions.maxHoldDays;
    // The hold's day starts at midnight in the agency's zone (issue 19.4), as the workflow waits for it.
    const until = form.holdUntil ? startOfDay(form.holdUntil, regionTimeZone()).getTime() : NaN;
    if (!(until > now.getTime()) || until > now.getTime() + maxDays * 86_400_000) {
      throw new ValidationError(`Give a hold date after today and at most ${maxDays} days ahead.`, [
        { field: 'body.holdUntil', message: 'required to hold, in the future' },
      ]);
    }
  }
  const to = nextStatus[form.decision]!;
  const action = { forward: 'forwarded', return: 'returned', approve: 'approved', decline: 'declined', hold: 'held' }[
    form.decision
  ]!;
  await decideSuggestion(
    link,
    hashLinkToken(token),
    waitingStatus(link),
    to,
    {
      at: now.toISOString(),
      actorId: link.holderId,
      action,
      ...(form.comment ? { comment: form.comment } : {}),
      ...(form.decision === 'hold' ? { holdUntil: form.holdUntil! } : {}),
    },
    suggestion.submittedAt,
  );
  await revokeOpenLinks('post-suggestion', link.subject.id, [link.slot]);
  const taskToken = await suggestionToken(link.subject.id);
  const outcome = outcomeOfStatus(to, form.holdUntil);
  const agencyZone = regionTimeZone();
  if (taskToken && outcome) await completeTask(taskToken, outcome);
  return decisionResultPage({
    heading: `You ${action} the suggestion`,
    lines: [
      to === 'held'
        ? `It comes back to Communications on ${humanDay(startOfDay(form.holdUntil!, agencyZone), agencyZone)}.`
        : 'The submitter will be told.',
    ],
    status: to,
  });
}
