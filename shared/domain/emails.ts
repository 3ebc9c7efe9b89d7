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

const footer =
  'This message was sent by the official accounts system. Do not forward it: links in it work once, for you only.';

function layout(kind: string, to: string[], subject: string, lines: string[], body: SafeHtml): EmailMessage {
  return {
    kind,
    to,
    subject,
    text: [...lines, '', footer].join('\n'),
    html: html`<!doctype html><html><body style="font:15px/1.5 sans-serif;max-width:36rem">${body}<p style="color:#666;font-size:13px">${footer}</p></body></html>`
      .value,
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
    `The link works once and expires ${humanTime(input.expiresAt)}.`,
  ];
  return layout(
    `approval-${input.why}`,
    [input.to],
    subject,
    lines,
    html`<p>${lead}</p>${note ? html`<p>${note}</p>` : raw('')}${summaryHtml(r)}<p><a href="${input.link}">Review and decide</a></p><p>The link works once and expires ${humanTime(input.expiresAt)}.</p>`,
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
  const lead = `The request for an official ${r.platform} account for ${r.regionName} is still waiting for: ${input.waitingFor.join(', ')}.`;
  return layout(
    'approval-escalation-notice',
    input.to,
    `Waiting for approval: ${r.platform} account for ${r.regionName}`,
    [lead, '', ...summaryLines(r), '', `Record: ${input.recordLink}`],
    html`<p>${lead}</p>${summaryHtml(r)}<p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
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
  return layout(
    `request-${input.outcome}`,
    input.to,
    `Account request ${input.outcome}: ${r.platform}, ${r.regionName}`,
    [
      lead,
      ...(reasons.length ? ['', 'Reasons given:', ...reasons.map((x) => `- ${x}`)] : []),
      '',
      `Record: ${input.recordLink}`,
    ],
    html`<p>${lead}</p>${reasons.length ? html`<p>Reasons given:</p><ul>${reasons.map((x) => html`<li>${x}</li>`)}</ul>` : raw('')}<p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}

/** TN-05, TN-15: the account exists; the requester and administrators learn what to do next. */
export function accountApproved(input: {
  to: string[];
  request: RequestSummary;
  accountId: string;
  aboutText: string;
  accountLink: string;
}): EmailMessage {
  const { request: r } = input;
  const steps = [
    `1. The designated administrator (${r.administratorName}) creates the ${r.platform} account and stores its login in the system (PUT /accounts/${input.accountId}/credential). Never send the password by email.`,
    "2. Paste the About text below into the account's About section exactly as written.",
    '3. Add no friends and change nothing else on the account after set-up (TN-08).',
    '4. Ask the regional director for access grants for the staff who will use it (TN-07).',
  ];
  const lead = `The official ${r.platform} account for ${r.regionName} is approved (${input.accountId}).`;
  return layout(
    'account-approved',
    input.to,
    `Approved: official ${r.platform} account for ${r.regionName}`,
    [lead, '', 'Next steps:', ...steps, '', 'About text:', input.aboutText, '', `Account record: ${input.accountLink}`],
    html`<p>${lead}</p><p>Next steps:</p><ol>${steps.map((s) => html`<li>${s.replace(/^\d\. /, '')}</li>`)}</ol><p>About text:</p><pre>${input.aboutText}</pre><p>Account record: <a href="${input.accountLink}">${input.accountLink}</a></p>`,
  );
}

export interface AccountSummary {
  accountId: string;
  platform: string;
  regionName: string;
  displayName?: string;
}

const accountLine = (a: AccountSummary) =>
  `${a.displayName ?? `official ${a.platform} account`} (${a.platform}, ${a.regionName}, ${a.accountId})`;

/** TN-09: the designated administrator's task; the new password is in the system, never in mail. */
export function rotationTask(input: {
  to: string[];
  account: AccountSummary;
  dueAt: string;
  why: 'task' | 'reminder';
  reason: string;
  confirmLink: string;
  pendingLink: string;
}): EmailMessage {
  const subject = `${input.why === 'reminder' ? 'Reminder: ' : ''}Change the password of ${input.account.platform} account ${input.account.accountId} by ${humanTime(input.dueAt)}`;
  const steps = [
    `1. Reveal the new password in the system: GET ${input.pendingLink}`,
    `2. Sign in to ${input.account.platform} with the current password and change it to the new one.`,
    `3. Confirm the change: POST ${input.confirmLink}`,
    'Until you confirm, the old password stays current, so nobody is locked out.',
  ];
  const lead = `A password change is due for ${accountLine(input.account)} (${input.reason}).`;
  return layout(
    `rotation-${input.why}`,
    input.to,
    subject,
    [lead, '', ...steps, '', `Due: ${humanTime(input.dueAt)}`],
    html`<p>${lead}</p><ol>${steps.slice(0, 3).map((s) => html`<li>${s.replace(/^\d\. /, '')}</li>`)}</ol><p>${steps[3]}</p><p>Due: ${humanTime(input.dueAt)}</p>`,
  );
}

/** The director hears that a password change is overdue. */
export function rotationOverdue(input: {
  to: string[];
  account: AccountSummary;
  dueAt: string;
  administratorNames: string[];
}): EmailMessage {
  const lead = `The password change of ${accountLine(input.account)} was due ${humanTime(input.dueAt)} and is not done. Administrators: ${input.administratorNames.join(', ')}.`;
  return layout(
    'rotation-overdue',
    input.to,
    `Overdue password change: ${input.account.platform} account ${input.account.accountId}`,
    [lead],
    html`<p>${lead}</p>`,
  );
}

/** TN-09, NJ-05: everyone who may use the account learns the password changed (never what it is). */
export function passwordChanged(input: {
  to: string[];
  account: AccountSummary;
  changedAt: string;
  reason: string;
}): EmailMessage {
  const lead = `The password of ${accountLine(input.account)} changed on ${humanTime(input.changedAt)} (${input.reason}). Reveal the new one in the system when you next need it; the old one no longer works.`;
  return layout(
    'password-changed',
    input.to,
    `Password changed: ${input.account.platform} account ${input.account.accountId}`,
    [lead],
    html`<p>${lead}</p>`,
  );
}

const incidentTypeText: Record<string, string> = {
  'inappropriate-activity': 'inappropriate activity',
  'suspected-abuse-or-neglect': 'a message that suggests child abuse or neglect',
  'account-compromise': 'a possible compromise of the account',
  other: 'a concern',
};

/**
 * TN-06: the region's directors and the account's administrators hear at once. The email says
 * what kind of incident and where, never the description (it may hold confidential detail).
 * TN-14: for suspected abuse or neglect it carries the hotline steps.
 */
export function incidentReported(input: {
  to: string[];
  incidentId: string;
  type: string;
  account: AccountSummary;
  reporterName: string;
  observedAt: string;
  recordLink: string;
  hotline?: { name: string; phone: string; url: string };
  rotationStarted: boolean;
  reminder?: boolean;
}): EmailMessage {
  const what = incidentTypeText[input.type] ?? input.type;
  const lead = `${input.reporterName} reported ${what} on ${accountLine(input.account)}, seen ${humanTime(input.observedAt)}.`;
  const hotlineSteps = input.hotline
    ? [
        `Forward it to the ${input.hotline.name} now: call ${input.hotline.phone} or report at ${input.hotline.url}.`,
        `Then record the hotline's report reference on the incident (POST ${input.recordLink}/hotline-report). The incident stays open, with reminders, until you do.`,
      ]
    : [];
  const rotation = input.rotationStarted
    ? ['An urgent password change has started; the designated administrator has the task.']
    : [];
  const subject = `${input.reminder ? 'Reminder: hotline report not yet recorded' : 'Incident'}: ${what} on ${input.account.platform} account ${input.account.accountId}`;
  const lines = [
    lead,
    ...(hotlineSteps.length ? ['', ...hotlineSteps] : []),
    ...(rotation.length ? ['', ...rotation] : []),
    '',
    `Record: ${input.recordLink}`,
  ];
  return layout(
    input.reminder ? 'incident-hotline-reminder' : `incident-${input.type}`,
    input.to,
    subject,
    lines,
    html`<p>${lead}</p>${hotlineSteps.length ? html`<p><strong>${hotlineSteps[0]}</strong></p><p>${hotlineSteps[1]}</p>` : raw('')}${rotation.map((r) => html`<p>${r}</p>`)}<p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}

export interface LeaverLine {
  accountId: string;
  platform: string;
  access: string[];
  reveals: string[];
  passwordChangedSince: boolean;
  renewSecondFactor?: boolean;
  successorCustodian?: string;
}

/** TN-10: the directors' leaver report: what the person could reveal, what they did, what changed since. */
export function leaverReport(input: {
  to: string[];
  personName: string;
  standing: 'good' | 'bad';
  departedAt: string;
  lines: LeaverLine[];
  recordLink: string;
  stage: 'reported' | 'completed';
  revokedGrants: number;
}): EmailMessage {
  const lead =
    input.stage === 'reported'
      ? `${input.personName} left on ${humanTime(input.departedAt)} (${input.standing} standing). Their ${input.revokedGrants} access grant(s) are revoked.${input.standing === 'bad' ? ' The passwords they could reveal will change once their email access is removed (TN-10).' : ''}`
      : `The departure of ${input.personName} is complete: the passwords they could reveal have been given to their administrators to change.`;
  const rows = input.lines.map((l) =>
    [
      `- ${l.platform} ${l.accountId}: via ${l.access.join(', ')}`,
      `revealed ${l.reveals.length ? l.reveals.map(humanTime).join('; ') : 'never'}`,
      `password changed since: ${l.passwordChangedSince ? 'yes' : 'no'}`,
      ...(l.renewSecondFactor ? ['2FA secret and recovery codes seen: renew them on the platform'] : []),
      ...(l.successorCustodian ? [`2FA and recovery codes now with ${l.successorCustodian}`] : []),
    ].join('; '),
  );
  return layout(
    `leaver-${input.stage}`,
    input.to,
    `Leaver report: ${input.personName}`,
    [lead, '', ...(rows.length ? rows : ['No account access on record.']), '', `Record: ${input.recordLink}`],
    html`<p>${lead}</p><ul>${rows.map((r) => html`<li>${r.slice(2)}</li>`)}</ul><p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}

/** TN-10: HR and IT are asked to confirm the leaver's email access is gone; escalated to directors. */
export function emailRemovalDue(input: {
  to: string[];
  personName: string;
  departedAt: string;
  confirmLink: string;
  escalated: boolean;
}): EmailMessage {
  const lead = `${input.escalated ? 'Still waiting: ' : ''}please remove the email access of ${input.personName} (left ${humanTime(input.departedAt)}, bad standing) and confirm it (POST ${input.confirmLink}). The account passwords change only after that (TN-10).`;
  return layout(
    input.escalated ? 'email-removal-escalation' : 'email-removal-reminder',
    input.to,
    `${input.escalated ? 'Escalated' : 'Reminder'}: remove the email access of ${input.personName}`,
    [lead],
    html`<p>${lead}</p>`,
  );
}

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
}): EmailMessage {
  const ask = {
    supervisor: 'Forward it to Communications or return it.',
    communications: 'Approve it for posting, decline it with a reason, or hold it for later.',
    'back-from-hold': 'You held it for later; it is back for your decision.',
  }[input.stage];
  const lead = `${input.reviewerName}, ${input.submitterName} suggested a post for the department's public account${input.timeSensitive ? ' (time-sensitive)' : ''}${input.eventDate ? ` about an event on ${input.eventDate}` : ''}. ${ask}`;
  return layout(
    `suggestion-${input.stage}`,
    [input.to],
    `${input.timeSensitive ? 'Time-sensitive: ' : ''}Suggested post from ${input.submitterName}`,
    [
      lead,
      '',
      `"${input.excerpt}"`,
      '',
      `Review and decide: ${input.link}`,
      `The link works once and expires ${humanTime(input.expiresAt)}.`,
    ],
    html`<p>${lead}</p><blockquote>${input.excerpt}</blockquote><p><a href="${input.link}">Review and decide</a></p><p>The link works once and expires ${humanTime(input.expiresAt)}.</p>`,
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
  const lead = `Your suggested post ${what[input.status] ?? input.status}.${input.comment ? ` Comment: ${input.comment}` : ''}`;
  return layout(
    `suggestion-${input.status}`,
    [input.to],
    `Your suggested post: ${input.status}`,
    [lead, '', `Record: ${input.recordLink}`],
    html`<p>${lead}</p><p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}
