/**
 * The email that ends an approved request: the account exists on paper, and the requester and
 * administrators learn the set-up steps and the About text to paste.
 */
import { html } from '../html.ts';
import { emailMessage, type EmailMessage } from './message.ts';
import type { RequestSummary } from './request-summary.ts';

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
    `1. The designated administrator (${r.administratorName}) creates the ${r.platform} account ` +
      `and stores its login in the system (PUT /accounts/${input.accountId}/credential). ` +
      'Never send the password by email.',
    "2. Paste the About text below into the account's About section exactly as written.",
    '3. Add no friends and change nothing else on the account after set-up (TN-08).',
    '4. Ask the regional director for access grants for the staff who will use it (TN-07).',
  ];
  const lead = `The official ${r.platform} account for ${r.regionName} is approved (${input.accountId}).`;
  return emailMessage(
    'account-approved',
    input.to,
    `Approved: official ${r.platform} account for ${r.regionName}`,
    [lead, '', 'Next steps:', ...steps, '', 'About text:', input.aboutText, '', `Account record: ${input.accountLink}`],
    html`
    <p>${lead}</p>
    <p>Next steps:</p>
    <ol>
      ${steps.map((s) => html`<li>${s.replace(/^\d\. /, '')}</li>`)}
    </ol>
    <p>About text:</p>
    <pre>${input.aboutText}</pre>
    <p>Account record: <a href="${input.accountLink}">${input.accountLink}</a></p>`,
  );
}
