/** GET /approvals/{approvalId}: the decision page. Read-only, because mail scanners open links. */
import { html } from '../../shared/http/responses.ts';
import { publicRouteHandler } from '../../shared/http/route-handler.ts';
import { showApprovalRoute } from '../../shared/routes/account-requests.ts';
import { openLink } from '../../shared/services/decision-links.ts';
import { decisionSubjects } from '../../shared/services/decision-subjects.ts';

export const handler = publicRouteHandler(showApprovalRoute, async ({ params, query }) => {
  const link = await openLink(params.approvalId, query.token, (l) => decisionSubjects[l.subject.kind].state(l));
  return html(200, await decisionSubjects[link.subject.kind].page(link, query.token!));
});
