/**
 * The emails of a person's departure: the directors' leaver report (what the person could reveal,
 * what they did, what changed since) and the ask to HR and IT to remove their email access.
 */
import { html } from '../html.ts';
import { humanTime } from '../human-time.ts';
import { emailMessage, type EmailMessage } from './message.ts';

/** One account the leaver could reach, as the leaver report lists it. */
export interface LeaverLine {
  accountId: string;
  platform: string;
  access: string[];
  reveals: string[];
  passwordChangedSince: boolean;
  /** The person could see the 2FA secret and recovery codes, which a new password does not change. */
  renewSecondFactor?: boolean;
  successorCustodian?: string;
}

const leaverRow = (l: LeaverLine, timeZone: string): string => {
  const revealed = l.reveals.length ? l.reveals.map((at) => humanTime(at, timeZone)).join('; ') : 'never';
  const changed = l.passwordChangedSince ? 'yes' : 'no';
  return [
    `- ${l.platform} ${l.accountId}: via ${l.access.join(', ')}`,
    `revealed ${revealed}`,
    `password changed since: ${changed}`,
    ...(l.renewSecondFactor ? ['2FA secret and recovery codes seen: renew them on the platform'] : []),
    ...(l.successorCustodian ? [`2FA and recovery codes now with ${l.successorCustodian}`] : []),
  ].join('; ');
};

/** TN-10: the directors' leaver report: what the person could reveal, what they did, what changed since. */
export function leaverReport(input: {
  to: string[];
  personName: string;
  standing: 'good' | 'bad';
  departedAt: string;
  /** The zone of the person's region (issue 19.4), else the agency's: every time of the email is shown in it. */
  timeZone: string;
  lines: LeaverLine[];
  recordLink: string;
  stage: 'reported' | 'completed';
  revokedGrants: number;
  /** Positions the leaver held, to reassign (issue 16.2). */
  positions?: string[];
}): EmailMessage {
  const passwordsChange =
    input.standing === 'bad'
      ? ' The passwords they could reveal will change once their email access is removed (TN-10).'
      : '';
  const lead =
    input.stage === 'reported'
      ? `${input.personName} left on ${humanTime(input.departedAt, input.timeZone)} (${input.standing} standing). ` +
        `Their ${input.revokedGrants} access grant(s) are revoked.${passwordsChange}`
      : `The departure of ${input.personName} is complete: ` +
        'the passwords they could reveal have been given to their administrators to change.';
  const rows = input.lines.map((line) => leaverRow(line, input.timeZone));
  const positions = input.positions?.length
    ? ['', 'Positions to reassign:', ...input.positions.map((p) => `- ${p}`)]
    : [];
  return emailMessage(
    `leaver-${input.stage}`,
    input.to,
    `Leaver report: ${input.personName}`,
    [
      lead,
      '',
      ...(rows.length ? rows : ['No account access on record.']),
      ...positions,
      '',
      `Record: ${input.recordLink}`,
    ],
    html`
    <p>${lead}</p>
    <ul>
      ${rows.map((r) => html`<li>${r.slice(2)}</li>`)}
    </ul>
    ${
      input.positions?.length
        ? html`<p>Positions to reassign:</p>
    <ul>
      ${input.positions.map((p) => html`<li>${p}</li>`)}
    </ul>`
        : ''
    }
    <p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}

/** TN-10: HR and IT are asked to confirm the leaver's email access is gone; escalated to directors. */
export function emailRemovalDue(input: {
  to: string[];
  personName: string;
  departedAt: string;
  /** The zone of the person's region (issue 19.4), else the agency's: every time of the email is shown in it. */
  timeZone: string;
  /** The console's departure page, where HR or IT confirms (issue 18.6): a page, not the JSON route. */
  confirmLink: string;
  escalated: boolean;
}): EmailMessage {
  const lead =
    `${input.escalated ? 'Still waiting: ' : ''}please remove the email access of ${input.personName} ` +
    `(left ${humanTime(input.departedAt, input.timeZone)}, bad standing) and confirm it on the departure's page. ` +
    `The account passwords change only after that (TN-10). Page: ${input.confirmLink}`;
  return emailMessage(
    input.escalated ? 'email-removal-escalation' : 'email-removal-reminder',
    input.to,
    `${input.escalated ? 'Escalated' : 'Reminder'}: remove the email access of ${input.personName}`,
    [lead],
    html`
    <p>${lead}</p>`,
  );
}
