/**
 * The email of a reported incident and its hotline reminder. It says what kind of incident and
 * where, never the description (it may hold confidential detail).
 */
import { html, raw } from '../html.ts';
import { humanTime } from '../human-time.ts';
import { accountLine, type AccountSummary } from './account-line.ts';
import { emailMessage, type EmailMessage } from './message.ts';

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
  /** Every hotline of the profile in force: a combination (CT-02) keeps each agency's. */
  hotlines?: readonly { name: string; phone: string; url: string }[];
  rotationStarted: boolean;
  reminder?: boolean;
}): EmailMessage {
  const what = incidentTypeText[input.type] ?? input.type;
  const lead =
    `${input.reporterName} reported ${what} on ${accountLine(input.account)}, ` +
    `seen ${humanTime(input.observedAt, input.account.timeZone)}.`;
  const hotlineSteps = input.hotlines?.length
    ? [
        input.hotlines
          .map((hotline) => `Forward it to the ${hotline.name} now: call ${hotline.phone} or report at ${hotline.url}.`)
          .join(' '),
        `Then record the hotline's report reference on the incident (POST ${input.recordLink}/hotline-report). ` +
          'The incident stays open, with reminders, until you do.',
      ]
    : [];
  const rotation = input.rotationStarted
    ? ['An urgent password change has started; the designated administrator has the task.']
    : [];
  const heading = input.reminder ? 'Reminder: hotline report not yet recorded' : 'Incident';
  const subject = `${heading}: ${what} on ${input.account.platform} account ${input.account.accountId}`;
  const lines = [
    lead,
    ...(hotlineSteps.length ? ['', ...hotlineSteps] : []),
    ...(rotation.length ? ['', ...rotation] : []),
    '',
    `Record: ${input.recordLink}`,
  ];
  const hotlineHtml = hotlineSteps.length
    ? html`
    <p><strong>${hotlineSteps[0]}</strong></p>
    <p>${hotlineSteps[1]}</p>`
    : raw('');
  return emailMessage(
    input.reminder ? 'incident-hotline-reminder' : `incident-${input.type}`,
    input.to,
    subject,
    lines,
    html`
    <p>${lead}</p>
    ${hotlineHtml}
    ${rotation.map((r) => html`<p>${r}</p>`)}
    <p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}
