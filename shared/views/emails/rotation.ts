/**
 * The emails of a password rotation: the administrator's task (and its reminder), the director's
 * overdue notice, and everyone's notice that the password changed. The new password is in the
 * system, never in mail.
 */
import { html } from '../html.ts';
import { humanTime } from '../human-time.ts';
import { accountLine, type AccountSummary } from './account-line.ts';
import { emailMessage, type EmailMessage } from './message.ts';

/** TN-09: the designated administrator's task; the new password is in the system, never in mail. */
export function rotationTask(input: {
  to: string[];
  account: AccountSummary;
  dueAt: string;
  why: 'task' | 'reminder';
  reason: string;
  /** The console's rotation page (reveal the new password, confirm): a page, not a JSON route (issue 18.6). */
  taskLink: string;
}): EmailMessage {
  const again = input.why === 'reminder' ? 'Reminder: ' : '';
  const subject =
    `${again}Change the password of ${input.account.platform} account ${input.account.accountId} ` +
    `by ${humanTime(input.dueAt, input.account.timeZone)}`;
  const steps = [
    `1. Open the task in the console and reveal the new password there: ${input.taskLink}`,
    `2. Sign in to ${input.account.platform} with the current password and change it to the new one.`,
    '3. Back on the task page, press "Confirm rotation".',
    'Until you confirm, the old password stays current, so nobody is locked out.',
  ];
  const lead = `A password change is due for ${accountLine(input.account)} (${input.reason}).`;
  return emailMessage(
    `rotation-${input.why}`,
    input.to,
    subject,
    [lead, '', ...steps, '', `Due: ${humanTime(input.dueAt, input.account.timeZone)}`],
    html`
    <p>${lead}</p>
    <ol>
      <li>Open <a href="${input.taskLink}">the task in the console</a> and reveal the new password there.</li>
      ${steps.slice(1, 3).map((s) => html`<li>${s.replace(/^\d\. /, '')}</li>`)}
    </ol>
    <p>${steps[3]}</p>
    <p>Due: ${humanTime(input.dueAt, input.account.timeZone)}</p>`,
  );
}

/** The director hears that a password change is overdue. */
export function rotationOverdue(input: {
  to: string[];
  account: AccountSummary;
  dueAt: string;
  administratorNames: string[];
}): EmailMessage {
  const lead =
    `The password change of ${accountLine(input.account)} ` +
    `was due ${humanTime(input.dueAt, input.account.timeZone)} and is not done. ` +
    `Administrators: ${input.administratorNames.join(', ')}.`;
  return emailMessage(
    'rotation-overdue',
    input.to,
    `Overdue password change: ${input.account.platform} account ${input.account.accountId}`,
    [lead],
    html`
    <p>${lead}</p>`,
  );
}

/** TN-09, NJ-05: everyone who may use the account learns the password changed (never what it is). */
export function passwordChanged(input: {
  to: string[];
  account: AccountSummary;
  changedAt: string;
  reason: string;
}): EmailMessage {
  const lead =
    `The password of ${accountLine(input.account)} ` +
    `changed on ${humanTime(input.changedAt, input.account.timeZone)} (${input.reason}). ` +
    'Reveal the new one in the system when you next need it; the old one no longer works.';
  return emailMessage(
    'password-changed',
    input.to,
    `Password changed: ${input.account.platform} account ${input.account.accountId}`,
    [lead],
    html`
    <p>${lead}</p>`,
  );
}
