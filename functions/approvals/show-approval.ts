/** GET /approvals/{approvalId}: the decision page. Read-only, because mail scanners open links. */
import { getStaffMember } from '../../shared/adapters/directory.ts';
import { approvalPage } from '../../shared/domain/approval-pages.ts';
import { html } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { openLink } from '../../shared/services/approval-links.ts';
import { summarize } from '../../shared/services/request-summary.ts';

export const handler = routeHandler('GET /approvals/{approvalId}', async ({ params, query }) => {
  const { link, request } = await openLink(params.approvalId, query.token);
  const [holder, onBehalfOf, summary] = await Promise.all([getStaffMember(link.holderId), link.onBehalfOf ? getStaffMember(link.onBehalfOf) : undefined, summarize(request)]);
  return html(200, approvalPage({
    approvalId: link.approvalId,
    token: query.token!,
    summary,
    approverName: holder?.name ?? link.holderId,
    role: link.role,
    ...(onBehalfOf ? { onBehalfOfName: onBehalfOf.name } : {}),
    expiresAt: link.expiresAt,
  }));
});
