/**
 * Every email the system sends, as plain text and HTML. They say what happened, to what, and link
 * to the record; they never carry a password, a task token or confidential case detail.
 */
import { html, humanTime, raw, type SafeHtml } from './html.ts';

export interface EmailMessage {
  /** For logs and metrics; never the content. */
  kind: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface RequestSummary {
  requestId: string;
  platform: string;
  purpose: string;
  regionName: string;
  displayName?: string;
  requesterName: string;
  administratorName: string;
  backupAdministratorName: string;
}

const footer = 'This message was sent by the official accounts system. Do not forward it: links in it work once, for you only.';

function layout(kind: string, to: string[], subject: string, lines: string[], body: SafeHtml): EmailMessage {
  return {
    kind,
    to,
    subject,
    text: [...lines, '', footer].join('\n'),
    html: html`<!doctype html><html><body style="font:15px/1.5 sans-serif;max-width:36rem">${body}<p style="color:#666;font-size:13px">${footer}</p></body></html>`.value,
  };
}

const summaryLines = (r: RequestSummary): string[] => [
  `Request: ${r.requestId}`,
  `Platform: ${r.platform}`,
  `Purpose: ${r.purpose}`,
  `Region: ${r.regionName}`,
  ...(r.displayName ? [`Account name: ${r.displayName}`] : []),
  `Requested by: ${r.requesterName}`,
  `Administrators: ${r.administratorName} (designated), ${r.backupAdministratorName} (back-up)`,
];

const summaryHtml = (r: RequestSummary): SafeHtml =>
  html`<ul>${summaryLines(r).map((line) => html`<li>${line}</li>`)}</ul>`;

/** TN-02: an approver is asked to decide; `why` distinguishes the first ask, a reminder and an escalation. */
export function approvalRequested(input: {
  to: string;
  approverName: string;
  onBehalfOfName?: string;
  request: RequestSummary;
  link: string;
  expiresAt: string;
  why: 'request' | 'reminder' | 'escalation';
}): EmailMessage {
  const { request: r } = input;
  const prefix = input.why === 'reminder' ? 'Reminder: ' : input.why === 'escalation' ? 'Escalated: ' : '';
  const subject = `${prefix}Approve a new official ${r.platform} account for ${r.regionName}?`;
  const behalf = input.onBehalfOfName ? ` on behalf of ${input.onBehalfOfName}` : '';
  const lead = `${input.approverName}, ${r.requesterName} asks for an official ${r.platform} account for the ${r.regionName} region. Your decision is needed${behalf}.`;
  const note = input.why === 'escalation' ? 'The first approver has not decided in time, so this request now comes to you as well.' : input.why === 'reminder' ? 'This request is still waiting for your decision. Earlier links no longer work; use this one.' : '';
  const lines = [lead, ...(note ? ['', note] : []), '', ...summaryLines(r), '', `Review and decide: ${input.link}`, `The link works once and expires ${humanTime(input.expiresAt)}.`];
  return layout(`approval-${input.why}`, [input.to], subject, lines, html`<p>${lead}</p>${note ? html`<p>${note}</p>` : raw('')}${summaryHtml(r)}<p><a href="${input.link}">Review and decide</a></p><p>The link works once and expires ${humanTime(input.expiresAt)}.</p>`);
}

/** The region's directors hear that a request has waited too long. */
export function escalationNotice(input: { to: string[]; request: RequestSummary; waitingFor: string[]; recordLink: string }): EmailMessage {
  const { request: r } = input;
  const lead = `The request for an official ${r.platform} account for ${r.regionName} is still waiting for: ${input.waitingFor.join(', ')}.`;
  return layout('approval-escalation-notice', input.to, `Waiting for approval: ${r.platform} account for ${r.regionName}`, [lead, '', ...summaryLines(r), '', `Record: ${input.recordLink}`], html`<p>${lead}</p>${summaryHtml(r)}<p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`);
}

/** The requester (and, for a withdrawal, the approvers) learn how a request ended without an account. */
export function requestClosed(input: { to: string[]; request: RequestSummary; outcome: 'rejected' | 'expired' | 'withdrawn'; reasons: string[]; recordLink: string }): EmailMessage {
  const { request: r } = input;
  const what = { rejected: 'was rejected', expired: 'expired without a decision', withdrawn: 'was withdrawn' }[input.outcome];
  const lead = `The request for an official ${r.platform} account for ${r.regionName} ${what}.`;
  const reasons = input.reasons.filter(Boolean);
  return layout(`request-${input.outcome}`, input.to, `Account request ${input.outcome}: ${r.platform}, ${r.regionName}`, [lead, ...(reasons.length ? ['', 'Reasons given:', ...reasons.map((x) => `- ${x}`)] : []), '', `Record: ${input.recordLink}`], html`<p>${lead}</p>${reasons.length ? html`<p>Reasons given:</p><ul>${reasons.map((x) => html`<li>${x}</li>`)}</ul>` : raw('')}<p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`);
}

/** TN-05, TN-15: the account exists; the requester and administrators learn what to do next. */
export function accountApproved(input: { to: string[]; request: RequestSummary; accountId: string; aboutText: string; accountLink: string }): EmailMessage {
  const { request: r } = input;
  const steps = [
    `1. The designated administrator (${r.administratorName}) creates the ${r.platform} account and stores its login in the system (PUT /accounts/${input.accountId}/credential). Never send the password by email.`,
    '2. Paste the About text below into the account\'s About section exactly as written.',
    '3. Add no friends and change nothing else on the account after set-up (TN-08).',
    '4. Ask the regional director for access grants for the staff who will use it (TN-07).',
  ];
  const lead = `The official ${r.platform} account for ${r.regionName} is approved (${input.accountId}).`;
  return layout('account-approved', input.to, `Approved: official ${r.platform} account for ${r.regionName}`, [lead, '', 'Next steps:', ...steps, '', 'About text:', input.aboutText, '', `Account record: ${input.accountLink}`], html`<p>${lead}</p><p>Next steps:</p><ol>${steps.map((s) => html`<li>${s.replace(/^\d\. /, '')}</li>`)}</ol><p>About text:</p><pre>${input.aboutText}</pre><p>Account record: <a href="${input.accountLink}">${input.accountLink}</a></p>`);
}

export interface AccountSummary {
  accountId: string;
  platform: string;
  regionName: string;
  displayName?: string;
}

const accountLine = (a: AccountSummary) => `${a.displayName ?? `official ${a.platform} account`} (${a.platform}, ${a.regionName}, ${a.accountId})`;

/** TN-09: the designated administrator's task; the new password is in the system, never in mail. */
export function rotationTask(input: { to: string[]; account: AccountSummary; dueAt: string; why: 'task' | 'reminder'; reason: string; confirmLink: string; pendingLink: string }): EmailMessage {
  const subject = `${input.why === 'reminder' ? 'Reminder: ' : ''}Change the password of ${input.account.platform} account ${input.account.accountId} by ${humanTime(input.dueAt)}`;
  const steps = [
    `1. Reveal the new password in the system: GET ${input.pendingLink}`,
    `2. Sign in to ${input.account.platform} with the current password and change it to the new one.`,
    `3. Confirm the change: POST ${input.confirmLink}`,
    'Until you confirm, the old password stays current, so nobody is locked out.',
  ];
  const lead = `A password change is due for ${accountLine(input.account)} (${input.reason}).`;
  return layout(`rotation-${input.why}`, input.to, subject, [lead, '', ...steps, '', `Due: ${humanTime(input.dueAt)}`], html`<p>${lead}</p><ol>${steps.slice(0, 3).map((s) => html`<li>${s.replace(/^\d\. /, '')}</li>`)}</ol><p>${steps[3]}</p><p>Due: ${humanTime(input.dueAt)}</p>`);
}

/** The director hears that a password change is overdue. */
export function rotationOverdue(input: { to: string[]; account: AccountSummary; dueAt: string; administratorNames: string[] }): EmailMessage {
  const lead = `The password change of ${accountLine(input.account)} was due ${humanTime(input.dueAt)} and is not done. Administrators: ${input.administratorNames.join(', ')}.`;
  return layout('rotation-overdue', input.to, `Overdue password change: ${input.account.platform} account ${input.account.accountId}`, [lead], html`<p>${lead}</p>`);
}

/** TN-09, NJ-05: everyone who may use the account learns the password changed (never what it is). */
export function passwordChanged(input: { to: string[]; account: AccountSummary; changedAt: string; reason: string }): EmailMessage {
  const lead = `The password of ${accountLine(input.account)} changed on ${humanTime(input.changedAt)} (${input.reason}). Reveal the new one in the system when you next need it; the old one no longer works.`;
  return layout('password-changed', input.to, `Password changed: ${input.account.platform} account ${input.account.accountId}`, [lead], html`<p>${lead}</p>`);
}
