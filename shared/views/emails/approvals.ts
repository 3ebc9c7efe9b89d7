/**
 * The emails of an account request's approval: the ask to decide (first, reminder, escalation),
 * the directors' notice that it waits too long, and how it ended without an account.
 */
import { html, raw } from '../html.ts';
import { humanTime } from '../human-time.ts';
import { emailMessage, type EmailMessage } from './message.ts';
import { summaryHtml, summaryLines, type RequestSummary } from './request-summary.ts';

/** TN-02: an approver is asked to decide; `why` distinguishes the first ask, a reminder and an escalation. */
export function approvalRequested(input: {
  to: string;
  approverName: string;
  onBehalfOfName?: string;
  request: RequestSummary;
  link: string;
  expiresAt: string;
  /** The zone its times are shown in (issue 19.4): the region's, else the agency's. */
  timeZone: string;
  why: 'request' | 'reminder' | 'escalation';
}): EmailMessage {
  const { request: r } = input;
  const prefix = input.why === 'reminder' ? 'Reminder: ' : input.why === 'escalation' ? 'Escalated: ' : '';
  const subject = `${prefix}Approve a new official ${r.platform} account for ${r.regionName}?`;
  const behalf = input.onBehalfOfName ? ` on behalf of ${input.onBehalfOfName}` : '';
  const lead =
    `${input.approverName}, ${r.requesterName} asks for an official ${r.platform} account ` +
    `for the ${r.regionName} region. Your decision is needed${behalf}.`;
  const note =
    input.why === 'escalation'
      ? 'The first approver has not decided in time, so this request now comes to you as well.'
      : input.why === 'reminder'
        ? 'This request is still waiting for your decision. Earlier links no longer work; use this one.'
        : '';
  const lines = [
    lead,
    ...(note ? ['', note] : []),
    '',
    ...summaryLines(r),
    '',
    `Review and decide: ${input.link}`,
    `The link works once and expires ${humanTime(input.expiresAt, input.timeZone)}.`,
  ];
  return emailMessage(
    `approval-${input.why}`,
    [input.to],
    subject,
    lines,
    html`
    <p>${lead}</p>
    ${note ? html`<p>${note}</p>` : raw('')}
    ${summaryHtml(r)}
    <p><a href="${input.link}">Review and decide</a></p>
    <p>The link works once and expires ${humanTime(input.expiresAt, input.timeZone)}.</p>`,
  );
}

/** The region's directors hear that a request has waited too long. */
export function escalationNotice(input: {
  to: string[];
  request: RequestSummary;
  waitingFor: string[];
  recordLink: string;
}): EmailMessage {
  const { request: r } = input;
  const lead =
    `The request for an official ${r.platform} account for ${r.regionName} ` +
    `is still waiting for: ${input.waitingFor.join(', ')}.`;
  return emailMessage(
    'approval-escalation-notice',
    input.to,
    `Waiting for approval: ${r.platform} account for ${r.regionName}`,
    [lead, '', ...summaryLines(r), '', `Record: ${input.recordLink}`],
    html`
    <p>${lead}</p>
    ${summaryHtml(r)}
    <p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}

/** The requester (and, for a withdrawal, the approvers) learn how a request ended without an account. */
export function requestClosed(input: {
  to: string[];
  request: RequestSummary;
  outcome: 'rejected' | 'expired' | 'withdrawn';
  reasons: string[];
  recordLink: string;
}): EmailMessage {
  const { request: r } = input;
  const what = { rejected: 'was rejected', expired: 'expired without a decision', withdrawn: 'was withdrawn' }[
    input.outcome
  ];
  const lead = `The request for an official ${r.platform} account for ${r.regionName} ${what}.`;
  const reasons = input.reasons.filter(Boolean);
  const reasonsHtml = reasons.length
    ? html`
    <p>Reasons given:</p>
    <ul>
      ${reasons.map((x) => html`<li>${x}</li>`)}
    </ul>`
    : raw('');
  return emailMessage(
    `request-${input.outcome}`,
    input.to,
    `Account request ${input.outcome}: ${r.platform}, ${r.regionName}`,
    [
      lead,
      ...(reasons.length ? ['', 'Reasons given:', ...reasons.map((x) => `- ${x}`)] : []),
      '',
      `Record: ${input.recordLink}`,
    ],
    html`
    <p>${lead}</p>
    ${reasonsHtml}
    <p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}
