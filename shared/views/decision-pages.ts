/**
 * The pages a person sees after following an emailed decision link: what is being decided with a
 * button per choice (GET, which changes nothing), the result (POST), and refusals. Every value is
 * escaped by the `html` tag; the pages need no script.
 */
import { html, raw } from './html.ts';
import { page } from './page.ts';

/** One button on a decision page; the tone picks its colour. */
export interface Choice {
  value: string;
  label: string;
  tone: 'approve' | 'reject' | 'neutral';
}

/** What a decision page shows, whatever is being decided (an account request, a suggested post). */
export interface DecisionPageModel {
  approvalId: string;
  token: string;
  heading: string;
  intro: string;
  facts: Array<[label: string, value: string]>;
  choices: Choice[];
  /** A date the person may give with the decision (e.g. "hold until"), required by some choices. */
  dateField?: { name: string; label: string };
}

const toneClass: Record<Choice['tone'], string> = {
  approve: 'usa-button approve',
  reject: 'usa-button usa-button--secondary reject',
  neutral: 'usa-button usa-button--outline neutral',
};

const button = (c: Choice) =>
  html`<button class="${toneClass[c.tone]}" type="submit" name="decision" value="${c.value}">${c.label}</button>`;

/** The page behind an emailed link: the facts and a button per choice; opening it decides nothing. */
export function decisionPage(model: DecisionPageModel): string {
  const { dateField } = model;
  const dateInput = dateField
    ? html`
      <p>
        <label class="usa-label" for="${dateField.name}">${dateField.label}</label>
        <input class="usa-input" type="date" id="${dateField.name}" name="${dateField.name}">
      </p>`
    : raw('');
  return page(
    model.heading,
    html`
    <h1>${model.heading}</h1>
    <p>${model.intro}</p>
    <dl>
      ${model.facts.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}
    </dl>
    <form class="usa-form usa-form--large" method="post" action="/approvals/${model.approvalId}">
      <input type="hidden" name="token" value="${model.token}">
      <p>
        <label class="usa-label" for="comment">Comment (recorded with your decision)</label>
        <textarea class="usa-textarea" id="comment" name="comment" maxlength="2000"></textarea>
      </p>${dateInput}
      <p class="usa-button-group">${model.choices.map(button)}</p>
    </form>
    <div class="usa-alert usa-alert--info usa-alert--slim"><div class="usa-alert__body">
    <p class="notice usa-alert__text">
      Opening this page changed nothing. Your decision is recorded only when you press a button,
      and this link then stops working.
    </p></div></div>`,
  );
}

/** The page after a decision is recorded, with the request's status for tools and tests. */
export function decisionResultPage(model: { heading: string; lines: string[]; status: string }): string {
  return page(
    'Decision recorded',
    html`
    <h1>${model.heading}</h1>
    ${model.lines.map((line) => html`<p>${line}</p>`)}
    <p id="request-status" data-status="${model.status}">Status: ${model.status}.</p>
    <p>Thank you. You can close this page.</p>`,
  );
}

const refusalTitles: Record<number, string> = {
  400: 'Something is missing',
  403: 'This link is not valid',
  404: 'Link not found',
  409: 'Already decided',
  410: 'This link has expired',
  415: 'Unexpected form',
};

/** Why a decision link did not work, in words for the person who followed it. */
export function refusalPage(status: number, message: string): string {
  const title = refusalTitles[status] ?? 'Something went wrong';
  return page(
    title,
    html`
    <h1>${title}</h1>
    <p>${message}</p>`,
  );
}
