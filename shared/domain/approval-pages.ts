/**
 * The pages an approver sees after following an emailed link: the request with Approve / Reject
 * (GET, which changes nothing), the result of a decision (POST), and refusals. Every value is
 * escaped by the `html` tag; the pages need no script.
 */
import type { RequestSummary } from './emails.ts';
import { html, humanTime, page } from './html.ts';

export function approvalPage(input: { approvalId: string; token: string; summary: RequestSummary; approverName: string; role: string; onBehalfOfName?: string; expiresAt: string }): string {
  const { summary: s } = input;
  return page(
    'Decide on an account request',
    html`<h1>Official ${s.platform} account for ${s.regionName}</h1>
<p>${input.approverName}, you are asked to decide as <strong>${input.role}</strong>${input.onBehalfOfName ? html` on behalf of ${input.onBehalfOfName}` : ''}.</p>
<dl><dt>Purpose</dt><dd>${s.purpose}</dd>${s.displayName ? html`<dt>Account name</dt><dd>${s.displayName}</dd>` : ''}
<dt>Requested by</dt><dd>${s.requesterName}</dd><dt>Administrator</dt><dd>${s.administratorName}</dd>
<dt>Back-up administrator</dt><dd>${s.backupAdministratorName}</dd><dt>Decide by</dt><dd>${humanTime(input.expiresAt)}</dd></dl>
<form method="post" action="/approvals/${input.approvalId}">
<input type="hidden" name="token" value="${input.token}">
<p><label for="comment">Comment (recorded with your decision)</label><textarea id="comment" name="comment" maxlength="2000"></textarea></p>
<p><button class="approve" type="submit" name="decision" value="approve">Approve</button><button class="reject" type="submit" name="decision" value="reject">Reject</button></p>
</form>
<p class="notice">Opening this page changed nothing. Your decision is recorded only when you press a button, and this link then stops working.</p>`,
  );
}

export function decisionResultPage(input: { decision: 'approve' | 'reject'; summary: RequestSummary; requestStatus: string }): string {
  const verb = input.decision === 'approve' ? 'approved' : 'rejected';
  const status = input.requestStatus === 'pending' ? 'The request now waits for the other approvers.' : `The request is now ${input.requestStatus}.`;
  return page('Decision recorded', html`<h1>You ${verb} the request</h1><p>Official ${input.summary.platform} account for ${input.summary.regionName}.</p><p id="request-status" data-status="${input.requestStatus}">${status}</p><p>Thank you. You can close this page.</p>`);
}

export function refusalPage(status: number, message: string): string {
  const titles: Record<number, string> = { 400: 'Something is missing', 403: 'This link is not valid', 404: 'Link not found', 409: 'Already decided', 410: 'This link has expired', 415: 'Unexpected form' };
  return page(titles[status] ?? 'Something went wrong', html`<h1>${titles[status] ?? 'Something went wrong'}</h1><p>${message}</p>`);
}
