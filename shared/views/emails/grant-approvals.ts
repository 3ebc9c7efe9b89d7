/**
 * The email asking an approver to decide whether a person gets access to an official account
 * (NJ-02), and the note telling the requester how the request ended. No password, no token but
 * the link's own.
 */
import { html } from '../html.ts';
import { humanTime } from '../human-time.ts';
import { emailMessage, type EmailMessage } from './message.ts';

/** The facts of a grant request an email and its decision page repeat, people already named. */
export interface GrantRequestSummary {
  requestId: string;
  accountId: string;
  platform: string;
  regionName: string;
  granteeName: string;
  office: string;
  requesterName: string;
  /** "until <time>" for limited access, "long-term" otherwise (NJ-09). */
  duration: string;
  device?: string;
  /** The account's region's zone (issue 19.4): the email's and the decision page's times are shown in it. */
  timeZone: string;
}

/** The request's facts, as label and value, one per line. */
export const grantRequestFacts = (r: GrantRequestSummary): Array<[string, string]> => [
  ['Grant request', r.requestId],
  ['Account', `${r.platform} account of ${r.regionName} (${r.accountId})`],
  ['Person', `${r.granteeName}, office ${r.office}`],
  ['Requested by', r.requesterName],
  ['Access', r.duration],
  ...(r.device ? ([['Department device', r.device]] as Array<[string, string]>) : []),
];

/** NJ-02: one approver is asked whether the person may use the account. */
export function grantApprovalRequested(input: {
  to: string;
  approverName: string;
  onBehalfOfName?: string;
  request: GrantRequestSummary;
  link: string;
  expiresAt: string;
}): EmailMessage {
  const { request: r } = input;
  const behalf = input.onBehalfOfName ? ` on behalf of ${input.onBehalfOfName}` : '';
  const lead =
    `${input.approverName}, ${r.requesterName} asks that ${r.granteeName} may use the official ` +
    `${r.platform} account of ${r.regionName}. Your approval is needed${behalf}; access starts only ` +
    'once every approver has approved.';
  const facts = grantRequestFacts(r);
  return emailMessage(
    'grant-approval-request',
    [input.to],
    `Approve access for ${r.granteeName} to the ${r.platform} account of ${r.regionName}?`,
    [
      lead,
      '',
      ...facts.map(([label, value]) => `${label}: ${value}`),
      '',
      `Review and decide: ${input.link}`,
      `The link works once and expires ${humanTime(input.expiresAt, input.request.timeZone)}.`,
    ],
    html`
    <p>${lead}</p>
    <dl>${facts.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>
    <p><a href="${input.link}">Review and decide</a></p>
    <p>The link works once and expires ${humanTime(input.expiresAt, input.request.timeZone)}.</p>`,
  );
}

/** NJ-02: the requester and the person to be granted hear how the request ended. */
export function grantRequestClosed(input: {
  to: string[];
  request: GrantRequestSummary;
  outcome: 'approved' | 'rejected';
}): EmailMessage {
  const { request: r } = input;
  const lead =
    input.outcome === 'approved'
      ? `Every approver approved: ${r.granteeName} may now use the ${r.platform} account of ${r.regionName}.`
      : `The request that ${r.granteeName} may use the ${r.platform} account of ${r.regionName} was refused; ` +
        'no access is given.';
  const facts = grantRequestFacts(r);
  return emailMessage(
    `grant-request-${input.outcome}`,
    input.to,
    `${input.outcome === 'approved' ? 'Access approved' : 'Access refused'}: ${r.granteeName}, ${r.platform} account`,
    [lead, '', ...facts.map(([label, value]) => `${label}: ${value}`)],
    html`
    <p>${lead}</p>
    <dl>${facts.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`,
  );
}
