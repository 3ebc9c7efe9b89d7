/**
 * Emails to operations and the people a stuck process concerns (issue 19): a wait that ran out and
 * mail that did not reach a person. They name the record and what happened to it, never case detail.
 */
import { html } from '../html.ts';
import { emailMessage, type EmailMessage } from './message.ts';

/** 19.2: a workflow stopped waiting for a person; says who was waited for, how it closed and where it is recorded. */
export function waitTimedOut(input: {
  to: string[];
  what: string;
  waitedFor: string;
  limitHours: number;
  closedHow: string;
  recordLink: string;
}): EmailMessage {
  const lead = `${input.what} waited ${input.limitHours} hours for ${input.waitedFor} and has stopped waiting.`;
  const outcome = `What happens now: ${input.closedHow}.`;
  return emailMessage(
    'wait-timed-out',
    input.to,
    `Stopped waiting: ${input.what}`,
    [lead, outcome, '', `Record: ${input.recordLink}`],
    html`
    <p>${lead}</p>
    <p>${outcome}</p>
    <p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}

/** 19.1: a decision went to someone else because the mail asking the first person did not reach them. */
export function decisionReassigned(input: {
  to: string[];
  what: string;
  from: string;
  toName: string;
  why: string;
  recordLink: string;
}): EmailMessage {
  const lead = `${input.what} could not reach ${input.from} (${input.why}); ${input.toName} has been asked instead.`;
  return emailMessage(
    'decision-reassigned',
    input.to,
    `Decision reassigned: ${input.what}`,
    [lead, '', `Record: ${input.recordLink}`],
    html`
    <p>${lead}</p>
    <p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}

/** 19.1: operations hear of mail a person's mailbox refused or reported, with what was done. */
export function mailNotDelivered(input: {
  to: string[];
  personName: string;
  event: string;
  reassigned: number;
  recordLink: string;
}): EmailMessage {
  const lead =
    `Mail to ${input.personName} was not delivered: ${input.event}. ` +
    `${input.reassigned} decision(s) waiting on them went to an alternate approver.`;
  const ask = 'Check their address in the directory; SES will not send to it while it is on the suppression list.';
  return emailMessage(
    'mail-not-delivered',
    input.to,
    `Mail not delivered: ${input.personName}`,
    [lead, ask, '', `Record: ${input.recordLink}`],
    html`
    <p>${lead}</p>
    <p>${ask}</p>
    <p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}

/**
 * 19.1: a decision went to someone whose mail does not arrive because nobody else may decide it;
 * operations fix the address (or the directory) before it waits out its deadline.
 */
export function askedUnreachable(input: {
  to: string[];
  what: string;
  people: string[];
  recordLink: string;
}): EmailMessage {
  const lead =
    `${input.what} went to ${input.people.join(', ')}, although mail to them does not arrive: ` +
    'nobody else in the directory may decide it.';
  const ask = 'Fix their address in the directory (a new address asks them again), or add another holder of the role.';
  return emailMessage(
    'asked-unreachable',
    input.to,
    `Asked although mail does not arrive: ${input.what}`,
    [lead, ask, '', `Record: ${input.recordLink}`],
    html`
    <p>${lead}</p>
    <p>${ask}</p>
    <p>Record: <a href="${input.recordLink}">${input.recordLink}</a></p>`,
  );
}
