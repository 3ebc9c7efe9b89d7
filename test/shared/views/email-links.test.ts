/**
 * Issue 18: emails link console pages (a record, a task) or the single-use decision pages, never a
 * JSON route, which answers 401 in a browser. Every template is rendered with links as its callers
 * build them, and every URL in its text and HTML is checked against the route table.
 */
import { describe, expect, it } from 'vitest';
import { routeList } from '../../../shared/routes/index.ts';
import { accountApproved } from '../../../shared/views/emails/account-approved.ts';
import { approvalRequested, escalationNotice, requestClosed } from '../../../shared/views/emails/approvals.ts';
import { emailRemovalDue, leaverReport } from '../../../shared/views/emails/departures.ts';
import { grantApprovalRequested, grantRequestClosed } from '../../../shared/views/emails/grant-approvals.ts';
import { incidentReported } from '../../../shared/views/emails/incidents.ts';
import type { EmailMessage } from '../../../shared/views/emails/message.ts';
import { suggestionOutcome, suggestionReview } from '../../../shared/views/emails/post-suggestions.ts';
import { passwordChanged, rotationOverdue, rotationTask } from '../../../shared/views/emails/rotation.ts';
import { transcriptsOwedReminder } from '../../../shared/views/emails/transcripts.ts';

const base = 'https://accounts.agency.example';
const consolePage = (path: string) => `${base}/console${path}`;
const decisionPage = `${base}/approvals/apv_1?token=t0k3n`;
const when = '2026-12-03T16:58:00.000Z';
const timeZone = 'America/New_York';
const request = {
  requestId: 'req_1',
  platform: 'facebook',
  purpose: 'client-contact',
  regionName: 'Smoky Mountain',
  requesterName: 'Dana Director',
  administratorName: 'Avery Administrator',
  backupAdministratorName: 'Blake Backup',
};
const grantRequest = {
  requestId: 'grq_1',
  accountId: 'acc_1',
  platform: 'facebook',
  regionName: 'Smoky Mountain',
  granteeName: 'Robin Caseworker',
  office: 'sevier',
  requesterName: 'Morgan Office Manager',
  duration: 'long-term',
  timeZone,
};
const account = { accountId: 'acc_1', platform: 'facebook', regionName: 'Smoky Mountain', timeZone };

/** Every template, with the links its callers pass (consoleLink, the decision link). */
const emails: Record<string, EmailMessage> = {
  accountApproved: accountApproved({
    to: ['a@agency.example'],
    request,
    accountId: 'acc_1',
    aboutText: 'About',
    terms: [{ rule: 'TN-02', term: 'Approved by Communications' }],
    accountLink: consolePage('/accounts/acc_1'),
  }),
  approvalRequested: approvalRequested({
    to: 'c@agency.example',
    approverName: 'Casey',
    request,
    link: decisionPage,
    expiresAt: when,
    timeZone,
    why: 'request',
  }),
  escalationNotice: escalationNotice({
    to: ['d@agency.example'],
    request,
    waitingFor: ['Casey'],
    recordLink: consolePage('/requests/req_1'),
  }),
  requestClosed: requestClosed({
    to: ['d@agency.example'],
    request,
    outcome: 'rejected',
    reasons: ['No'],
    recordLink: consolePage('/requests/req_1'),
  }),
  leaverReport: leaverReport({
    to: ['d@agency.example'],
    personName: 'Sky',
    standing: 'bad',
    departedAt: when,
    timeZone,
    lines: [
      { accountId: 'acc_1', platform: 'facebook', access: ['grant'], reveals: [when], passwordChangedSince: false },
    ],
    recordLink: consolePage('/departures/dep_1'),
    stage: 'reported',
    revokedGrants: 1,
  }),
  emailRemovalDue: emailRemovalDue({
    to: ['hr@agency.example'],
    personName: 'Sky',
    departedAt: when,
    timeZone,
    confirmLink: consolePage('/departures/dep_1'),
    escalated: true,
  }),
  grantApprovalRequested: grantApprovalRequested({
    to: 'd@agency.example',
    approverName: 'Dana',
    request: grantRequest,
    link: decisionPage,
    expiresAt: when,
  }),
  grantRequestClosed: grantRequestClosed({ to: ['m@agency.example'], request: grantRequest, outcome: 'approved' }),
  incidentReported: incidentReported({
    to: ['d@agency.example'],
    incidentId: 'inc_1',
    type: 'suspected-abuse-or-neglect',
    account,
    reporterName: 'Sky',
    observedAt: when,
    recordLink: consolePage('/incidents/inc_1'),
    hotlines: [{ name: 'Hotline', phone: '877-237-0004', url: 'https://www.tn.gov/dcs/report' }],
    rotationStarted: true,
  }),
  suggestionReview: suggestionReview({
    to: 's@agency.example',
    reviewerName: 'Sam',
    submitterName: 'Sky',
    stage: 'supervisor',
    excerpt: 'Open house',
    timeSensitive: false,
    link: decisionPage,
    expiresAt: when,
    timeZone,
  }),
  suggestionOutcome: suggestionOutcome({
    to: 'sky@agency.example',
    status: 'approved',
    recordLink: consolePage('/suggestions/pss_1'),
  }),
  rotationTask: rotationTask({
    to: ['a@agency.example'],
    account,
    dueAt: when,
    why: 'task',
    reason: 'on-demand',
    taskLink: consolePage('/accounts/acc_1/rotations/rot_1/confirm'),
  }),
  rotationOverdue: rotationOverdue({ to: ['d@agency.example'], account, dueAt: when, administratorNames: ['Avery'] }),
  passwordChanged: passwordChanged({ to: ['a@agency.example'], account, changedAt: when, reason: 'on-demand' }),
  transcriptsOwedReminder: transcriptsOwedReminder({
    to: ['s@agency.example'],
    lines: [{ contactId: 'ctc_1', caseId: 'case-1', workerName: 'Sky', occurredAt: when }],
    homeLink: consolePage('/'),
    timeZone,
  }),
};

const pattern = (path: string) =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
const routes = routeList().map((route) => ({
  key: route.key,
  html: Object.values(route.responses).some((response) => response.contentType === 'text/html'),
  path: pattern(route.path),
}));

/** Every absolute URL of this site in an email's text and HTML, as a path. */
function sitePaths(email: EmailMessage): string[] {
  const urls = `${email.text}\n${email.html}`.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
  return urls
    .map((url) => new URL(url.replace(/[.,;:)]+$/, '').replaceAll('&amp;', '&')))
    .filter((url) => url.origin === base)
    .map((url) => decodeURIComponent(url.pathname));
}

describe('email links (issue 18)', () => {
  it.each(Object.keys(emails))('%s links console pages or decision pages, never a JSON route', (name) => {
    for (const path of sitePaths(emails[name]!)) {
      const jsonRoutes = routes.filter((route) => !route.html && route.path.test(path)).map((route) => route.key);
      expect(jsonRoutes, `${name} links ${path}`).toEqual([]);
      const isPage = path.startsWith('/console/') || routes.some((route) => route.html && route.path.test(path));
      expect(isPage, `${name} links ${path}, which is no page`).toBe(true);
    }
  });

  it('the checks see a JSON route when one is linked', () => {
    const bad = { ...emails.passwordChanged!, text: `See ${base}/contacts/transcripts-owed?caseId=case-1.` };
    const path = sitePaths(bad)[0]!;
    expect(routes.filter((route) => !route.html && route.path.test(path)).map((route) => route.key)).toEqual([
      'GET /contacts/transcripts-owed',
    ]);
  });

  it("the transcript reminder links the supervisor's home, where the transcripts owed are listed (TN-12)", () => {
    const email = emails.transcriptsOwedReminder!;
    expect(email.text).toContain(consolePage('/'));
    expect(email.html).toContain(`href="${consolePage('/')}"`);
    expect(`${email.text}${email.html}`).not.toMatch(/\/contacts\//);
  });
});
