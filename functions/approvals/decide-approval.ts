/** POST /approvals/{approvalId}: the link holder approves or rejects (single use). */
import { decisionResultPage } from '../../shared/domain/approval-pages.ts';
import { html } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { decide } from '../../shared/services/approval-links.ts';
import { summarize } from '../../shared/services/request-summary.ts';

export const handler = routeHandler('POST /approvals/{approvalId}', async ({ params, body }) => {
  const { request, status } = await decide(params.approvalId, body.token, body.decision, body.comment?.trim() ?? '');
  return html(200, decisionResultPage({ decision: body.decision, summary: await summarize(request), requestStatus: status }));
});
