/**
 * Suggested public posts (MO-01..MO-03): staff suggest, their supervisor forwards or returns,
 * Communications approves, declines with a reason, or holds for later, all through emailed
 * decision links. The submitter attests photo permission and confidentiality (MO-02).
 */
import {
  createSuggestion,
  getSuggestion,
  reopenHeld,
  storeSuggestionToken,
  suggestionsByStatus,
  suggestionsOf,
  type PostSuggestion,
  type SuggestionStatus,
} from '../adapters/post-suggestions.ts';
import { revokeOpenLinks } from '../adapters/decision-links.ts';
import { getMailState, getStaffMember, statewideRegion } from '../adapters/directory.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { completeTask, startWorkflow } from '../adapters/workflow-signals.ts';
import { callerEntry } from '../auth/directory-caller.ts';
import { hasRole, type Caller } from '../auth/caller.ts';
import { consoleLink, stateMachineArn } from '../config.ts';
import { suggestionOutcome, suggestionReview } from '../views/emails/post-suggestions.ts';
import { newId } from '../domain/ids.ts';
import { ForbiddenError, NotFoundError, PolicyViolationError } from '../errors.ts';
import { activeProfile } from '../policy/index.ts';
import { regionTimeZone } from '../policy/time-zone.ts';
import { startOfDay } from '../domain/local-day.ts';
import { workflows } from '../workflows.ts';
import { isUnreachable } from '../domain/mail-reach.ts';
import type { StaffMember } from '../schemas/staff.ts';
import { chooseDeciders, noticeUnreachableDeciders } from './decider-choice.ts';
import { issueLink } from './decision-links.ts';
import { waitLimitSeconds } from '../domain/wait-limits.ts';

const days = (n: number) => n * 86_400_000;

/**
 * 422 unless suggestions take their route: the profile includes them and, for a submission, the
 * directory names the submitter's supervisor, through whom it goes.
 * @enforces MO-01
 */
function requireEnabled(submission?: { supervisorId: string | undefined }): {
  settings: ReturnType<typeof activeProfile>['postSuggestions'];
  supervisorId: string;
} {
  const settings = activeProfile().postSuggestions;
  if (!settings.enabled)
    throw new PolicyViolationError('MO-01', "Post suggestions are not part of this agency's policy profile.");
  if (submission && !submission.supervisorId)
    throw new PolicyViolationError(
      'MO-01',
      'Suggestions go through your supervisor, and the directory names none for you.',
    );
  return { settings, supervisorId: submission?.supervisorId ?? '' };
}

/**
 * 422 unless the submitter attests photo permission and confidentiality, naming each one missing.
 * @enforces MO-02
 */
function requireAttestations(attestations: { photoPermission: boolean; confidentiality: boolean }): void {
  if (!attestations.photoPermission || !attestations.confidentiality) {
    throw new PolicyViolationError(
      'MO-02',
      'Attest that permission was obtained for every photo ' +
        "and that no child's or family's confidentiality is broken.",
      [
        ...(attestations.photoPermission ? [] : [{ field: 'attestations.photoPermission', message: 'must be true' }]),
        ...(attestations.confidentiality ? [] : [{ field: 'attestations.confidentiality', message: 'must be true' }]),
      ],
    );
  }
}

export async function submitSuggestion(
  caller: Caller,
  body: {
    text: string;
    eventDate?: string;
    timeSensitive: boolean;
    visuals?: Array<{ reference: string; description?: string }>;
    attestations: { photoPermission: boolean; confidentiality: boolean };
  },
  now = new Date(),
) {
  requireEnabled();
  requireAttestations(body.attestations);
  const submitter = await callerEntry(caller.id);
  const { supervisorId } = requireEnabled({ supervisorId: submitter?.supervisorId });
  const suggestion: PostSuggestion = {
    suggestionId: newId('sug'),
    submitterId: caller.id,
    supervisorId,
    text: body.text,
    ...(body.eventDate ? { eventDate: body.eventDate } : {}),
    timeSensitive: body.timeSensitive,
    visuals: body.visuals ?? [],
    attestations: { photoPermission: true, confidentiality: true },
    status: 'with-supervisor',
    submittedAt: now.toISOString(),
  };
  await createSuggestion(suggestion);
  await startWorkflow(stateMachineArn(workflows.postSuggestion.envVar), suggestion.suggestionId, {
    suggestionId: suggestion.suggestionId,
    schedule: { waitLimitSeconds: waitLimitSeconds(activeProfile()).postSuggestion },
  });
  return { suggestionId: suggestion.suggestionId };
}

async function suggestionOrNotFound(id: string) {
  const found = await getSuggestion(id);
  if (!found) throw new NotFoundError(`No post suggestion ${id}.`);
  return found;
}

const isReviewer = (caller: Caller) =>
  hasRole(caller, activeProfile().postSuggestions.reviewerRoles) || hasRole(caller, ['operations']);

/**
 * The submitter, their supervisor and the reviewers see a suggestion and its history.
 * @enforces MO-03
 */
export async function viewSuggestion(caller: Caller, id: string) {
  const { suggestion, history } = await suggestionOrNotFound(id);
  if (caller.id !== suggestion.submitterId && caller.id !== suggestion.supervisorId && !isReviewer(caller)) {
    throw new ForbiddenError('Only the submitter, their supervisor and Communications see this suggestion.', 'MO-03');
  }
  const { attestations: _a, ...view } = suggestion;
  return { ...view, history };
}

/** Reviewers see the queue by status; everyone else sees their own suggestions. */
export async function listSuggestions(caller: Caller, status: SuggestionStatus | undefined) {
  requireEnabled();
  const items = isReviewer(caller)
    ? await suggestionsByStatus(status ?? 'with-communications')
    : (await suggestionsOf(caller.id)).filter((s) => !status || s.status === status);
  return { items: items.map(({ attestations: _a, ...s }) => ({ ...s, history: [] })) };
}

/** The step a suggestion waits on: its supervisor's, Communications', or Communications' again after a hold. */
export const reviewStepOf = (suggestion: PostSuggestion, history: ReadonlyArray<{ action: string }>): ReviewStep =>
  suggestion.status === 'with-supervisor'
    ? 'supervisor'
    : history.at(-1)?.action === 'back-from-hold'
      ? 'back-from-hold'
      : 'communications';

/** Workflow task: email the supervisor, or every reviewer, a decision link for the suggestion's current step. */
export async function askReviewers(id: string, now = new Date()): Promise<{ asked: number }> {
  const { settings } = requireEnabled();
  const { suggestion, history } = await suggestionOrNotFound(id);
  const step = reviewStepOf(suggestion, history);
  const { reviewers, unreachable } =
    step === 'supervisor' ? await supervisorStep(suggestion.supervisorId) : await reviewerStep(settings, suggestion);
  for (const reviewerId of [...new Set(reviewers)])
    await askReviewer(suggestion, step, reviewerId, step === 'back-from-hold' ? 'review' : 'request', now);
  await noticeUnreachableDeciders({
    subject: `SUGGESTION#${id}`,
    what: `Suggested post ${id}`,
    people: unreachable,
    recordLink: consoleLink(`/suggestions/${id}`),
    now,
  });
  return { asked: reviewers.length };
}

/**
 * The supervisor step is the submitter's own supervisor's (MO-01): asked even when their mail does not
 * arrive (operations hear of it; a bounce then hands it on, mail-feedback-handoffs.ts), never skipped.
 */
async function supervisorStep(supervisorId: string): Promise<{ reviewers: string[]; unreachable: StaffMember[] }> {
  const [supervisor, mail] = await Promise.all([getStaffMember(supervisorId), getMailState(supervisorId)]);
  const dead = supervisor && isUnreachable({ email: supervisor.email, mailUnreachable: mail?.mailUnreachable });
  return { reviewers: [supervisorId], unreachable: dead ? [supervisor] : [] };
}

/** Every holder of each reviewer role whose mail arrives (issue 19.1); all of a role's when none's does. */
async function reviewerStep(
  settings: ReturnType<typeof requireEnabled>['settings'],
  suggestion: PostSuggestion,
): Promise<{ reviewers: string[]; unreachable: StaffMember[] }> {
  const byRole = await Promise.all(
    settings.reviewerRoles.map((role) => chooseDeciders(role, statewideRegion, [suggestion.submitterId])),
  );
  return {
    reviewers: byRole.flatMap((r) => r.holders.map((m) => m.staffId)),
    unreachable: byRole.flatMap((r) => r.unreachable),
  };
}

/** A suggestion's review step, as its reviewers are asked it. */
export type ReviewStep = 'supervisor' | 'communications' | 'back-from-hold';

/**
 * Emails one reviewer (or their eligible delegate) a link for the step: the first ask, or an
 * alternate's when the reviewer's mail does not arrive (issue 19.1). The submitter never decides.
 */
export async function askReviewer(
  suggestion: PostSuggestion,
  step: ReviewStep,
  reviewerId: string,
  why: 'request' | 'review' | 'escalation',
  now = new Date(),
) {
  const { settings } = requireEnabled();
  const submitter = await getStaffMember(suggestion.submitterId);
  const expiresAt = new Date(now.getTime() + days(settings.linkValidDays)).toISOString();
  return issueLink(
    {
      subject: { kind: 'post-suggestion', id: suggestion.suggestionId },
      slot: step === 'supervisor' ? 0 : 1,
      role: step === 'supervisor' ? 'supervisor' : 'communications',
      holderId: reviewerId,
      delegateRoles: step === 'supervisor' ? ['supervisor'] : settings.reviewerRoles,
      excluded: [suggestion.submitterId],
      choices: step === 'supervisor' ? ['forward', 'return'] : ['approve', 'decline', 'hold'],
      expiresAt,
      why,
      compose: async (link, recipient) =>
        suggestionReview({
          to: recipient.email,
          reviewerName: recipient.name,
          submitterName: submitter?.name ?? suggestion.submitterId,
          stage: step,
          excerpt: suggestion.text.slice(0, 280),
          ...(suggestion.eventDate ? { eventDate: suggestion.eventDate } : {}),
          timeSensitive: suggestion.timeSensitive,
          link,
          expiresAt,
          timeZone: regionTimeZone(submitter?.region),
        }),
    },
    now,
  );
}

/**
 * The workflow's view of a decided step: what happened and, for a hold, until when: the start of the hold's
 * day in the agency's zone (issue 19.4), since the post goes on the agency's page (midnight UTC is the
 * evening before in the United States).
 */
export function outcomeOfStatus(
  status: SuggestionStatus,
  holdUntil?: string,
): { outcome: string; holdUntil?: string } | undefined {
  switch (status) {
    case 'with-communications':
      return { outcome: 'forwarded' };
    case 'returned':
    case 'approved':
    case 'declined':
      return { outcome: status };
    case 'held':
      return { outcome: 'held', holdUntil: startOfDay(holdUntil!, regionTimeZone()).toISOString() };
    default:
      return undefined;
  }
}

/** Workflow callback task: wait for the step's decision; answer at once if it is already taken. */
export async function awaitSuggestionDecision(
  id: string,
  step: 'supervisor' | 'communications',
  taskToken: string,
): Promise<void> {
  await storeSuggestionToken(id, taskToken);
  const { suggestion } = await suggestionOrNotFound(id);
  const waiting = step === 'supervisor' ? 'with-supervisor' : 'with-communications';
  if (suggestion.status !== waiting)
    await completeTask(taskToken, outcomeOfStatus(suggestion.status, suggestion.holdUntil));
}

/** Workflow task: the submitter hears the outcome; a held suggestion's other links are void. */
export async function notifySubmitter(id: string): Promise<void> {
  const { suggestion, history } = await suggestionOrNotFound(id);
  await revokeOpenLinks('post-suggestion', id);
  const submitter = await getStaffMember(suggestion.submitterId);
  if (!submitter) return;
  const last = history.at(-1);
  await sendEmail(
    suggestionOutcome({
      to: submitter.email,
      status: suggestion.status,
      ...(last?.comment ? { comment: last.comment } : {}),
      ...(suggestion.holdUntil ? { holdUntil: suggestion.holdUntil } : {}),
      recordLink: consoleLink(`/suggestions/${id}`),
    }),
  );
}

/** Workflow task: the hold has ended; the suggestion is back with the reviewers. */
export async function endHold(id: string, now = new Date()): Promise<{ reopened: boolean }> {
  return { reopened: await reopenHeld(id, now.toISOString()) };
}
