/** POST /approvals/{approvalId}: the link holder decides (single use). */
import { html } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { openLink } from '../../shared/services/decision-links.ts';
import { assertOffered, decisionSubjects } from '../../shared/services/decision-subjects.ts';

export const handler = routeHandler('POST /approvals/{approvalId}', async ({ params, body }) => {
  const now = new Date();
  const subject = (kind: keyof typeof decisionSubjects) => decisionSubjects[kind];
  const link = await openLink(params.approvalId, body.token, (l) => subject(l.subject.kind).state(l), now);
  assertOffered(link, body.decision);
  const form = { decision: body.decision, comment: body.comment?.trim() ?? '', ...(body.holdUntil ? { holdUntil: body.holdUntil } : {}) };
  return html(200, await subject(link.subject.kind).decide(link, body.token, form, now));
});
