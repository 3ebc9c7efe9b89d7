/** POST /approvals/{approvalId}: the link holder decides (single use). */
import { html } from '../../shared/http/responses.ts';
import { publicRouteHandler } from '../../shared/http/route-handler.ts';
import { decideApprovalRoute } from '../../shared/routes/account-requests.ts';
import { openLink } from '../../shared/services/decision-links.ts';
import { assertOffered, decisionSubjects } from '../../shared/services/decision-subjects.ts';

export const handler = publicRouteHandler(decideApprovalRoute, async ({ params, body }) => {
  const now = new Date();
  const link = await openLink(params.approvalId, body.token, (l) => decisionSubjects[l.subject.kind].state(l), now);
  assertOffered(link, body.decision);
  const form = {
    decision: body.decision,
    comment: body.comment?.trim() ?? '',
    ...(body.holdUntil ? { holdUntil: body.holdUntil } : {}),
  };
  return html(200, await decisionSubjects[link.subject.kind].decide(link, body.token, form, now));
});
