/**
 * The email that ends an approved request: the account exists on paper, and the requester and
 * administrators learn the set-up steps and the About text to paste.
 */
import { html } from '../html.ts';
import { emailMessage, type EmailMessage } from './message.ts';
import type { RequestSummary } from './request-summary.ts';

/**
 * TN-05, TN-15: the account exists; the requester and administrators learn what to do next, and the
 * conduct terms the account was approved under (TN-08, DC-06, NJ-08) before anyone uses it.
 */
export function accountApproved(input: {
  to: string[];
  request: RequestSummary;
  accountId: string;
  aboutText: string;
  /** The conduct terms the account was approved under, as kept on it. */
  terms: readonly { rule: string; term: string }[];
  accountLink: string;
}): EmailMessage {
  const { request: r } = input;
  const steps = [
    `The designated administrator (${r.administratorName}) creates the ${r.platform} account ` +
      `and stores its login in the system (PUT /accounts/${input.accountId}/credential). ` +
      'Never send the password by email.',
    "Paste the About text below into the account's About section exactly as written.",
    ...input.terms.map(({ rule, term }) => `${term} (${rule})`),
    'Ask the regional director for access grants for the staff who will use it (TN-07).',
  ].map((step, index) => `${index + 1}. ${step}`);
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
