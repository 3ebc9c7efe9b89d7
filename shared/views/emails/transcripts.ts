/**
 * TN-12: the supervisor's reminder of transcripts still owed. It names each record, its case and
 * when the conversation took place, never what was said (the record may hold confidential detail).
 */
import { html } from '../html.ts';
import { humanTime } from '../human-time.ts';
import { emailMessage, type EmailMessage } from './message.ts';

/** One owed transcript as the reminder lists it. */
export interface OwedLine {
  contactId: string;
  caseId: string;
  workerName: string;
  occurredAt: string;
}

const lineText = (line: OwedLine, timeZone: string) =>
  `- ${line.contactId}: case ${line.caseId}, ${line.workerName}, ` +
  `conversation of ${humanTime(line.occurredAt, timeZone)}`;

/**
 * TN-12: which finished conversations still lack their transcript in the case's documents. It links
 * the supervisor's console home, which lists them (issue 18: never a JSON route).
 */
export function transcriptsOwedReminder(input: {
  to: string[];
  lines: OwedLine[];
  homeLink: string;
  /** The supervisor's region's zone (issue 19.4), else the agency's. */
  timeZone: string;
}): EmailMessage {
  const count = input.lines.length;
  const subject = `Reminder: ${count} contact transcript${count === 1 ? '' : 's'} owed to case records`;
  const how =
    "Each conversation's transcript goes into the case's documents. Once it is there, the case system records " +
    'its document id and the conversation leaves the list.';
  const lines = [
    'Your workers finished these conversations through an official account; their transcripts are still owed:',
    '',
    ...input.lines.map((line) => lineText(line, input.timeZone)),
    '',
    how,
    `The transcripts your workers owe are on your home page: ${input.homeLink}`,
    'You will be reminded until each transcript is recorded.',
  ];
  const items = input.lines.map(
    (line) =>
      html`<li>${line.contactId}: case ${line.caseId}, ${line.workerName}, conversation of ${humanTime(
        line.occurredAt,
        input.timeZone,
      )}</li>`,
  );
  const body = html`
    <p>Your workers finished these conversations through an official account; their transcripts are still owed:</p>
    <ul>${items}</ul>
    <p>${how}</p>
    <p>The transcripts your workers owe are on <a href="${input.homeLink}">your home page</a>.</p>
    <p>You will be reminded until each transcript is recorded.</p>`;
  return emailMessage('transcripts-owed', input.to, subject, lines, body);
}
