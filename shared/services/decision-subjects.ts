/**
 * What each kind of emailed decision is: whether it still takes decisions, the page it shows and
 * what a decision does. The approval pages (functions/approvals/) dispatch through this registry.
 */
import type { DecisionLink, DecisionSubjectKind } from '../adapters/decision-links.ts';
import type { Decision } from '../domain/approvals.ts';
import { ValidationError } from '../errors.ts';
import { activeProfile } from '../policy/index.ts';
import { accountRequestPage, accountRequestState, decideAccountRequest } from './account-request-decisions.ts';
import { decideGrantRequest, grantRequestPage, grantRequestState } from './grant-approvals.ts';
import { decidePostSuggestion, postSuggestionPage, postSuggestionState } from './post-suggestion-decisions.ts';
import type { DecisionForm, SubjectState } from './decision-links.ts';

export interface DecisionSubject {
  state(link: DecisionLink): Promise<SubjectState>;
  page(link: DecisionLink, token: string): Promise<string>;
  decide(link: DecisionLink, token: string, form: DecisionForm, now: Date): Promise<string>;
}

export const decisionSubjects: Record<DecisionSubjectKind, DecisionSubject> = {
  'account-request': {
    state: accountRequestState,
    page: accountRequestPage,
    decide: (link, token, form, now) => decideAccountRequest(link, token, form.decision as Decision, form.comment, now),
  },
  'post-suggestion': { state: postSuggestionState, page: postSuggestionPage, decide: decidePostSuggestion },
  'grant-request': {
    state: (link) => grantRequestState(link),
    page: grantRequestPage,
    decide: (link, token, form, now) =>
      decideGrantRequest(link, token, form, activeProfile().access.grantApproval, now),
  },
};

/** A decision the link does not offer is a bad request, whatever the form says. */
export function assertOffered(link: DecisionLink, decision: string): void {
  if (!link.choices.includes(decision)) {
    throw new ValidationError(`This link offers: ${link.choices.join(', ')}.`, [
      { field: 'body.decision', message: `not one of ${link.choices.join(', ')}` },
    ]);
  }
}
