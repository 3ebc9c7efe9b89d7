/**
 * GET /accounts/{accountId}/audit: the account's trail for its directors and supervisors (CT-10), newest
 * first, a page at a time, as JSON or CSV (issue 19.3).
 */
import { csvField } from '../../shared/domain/contact-export.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getAuditTrailRoute } from '../../shared/routes/credentials.ts';
import { accountAudit } from '../../shared/services/credentials.ts';

const columns = ['at', 'action', 'actorId', 'details'] as const;

export const handler = routeHandler(getAuditTrailRoute, async ({ caller, params, query, event }) => {
  const page = await accountAudit(caller, params.accountId, query);
  const csv = query.format === 'csv' || (!query.format && /\btext\/csv\b/i.test(event.headers?.accept ?? ''));
  if (!csv) return json(200, page);
  const field = (item: (typeof page.items)[number], column: (typeof columns)[number]) =>
    csvField(column === 'details' ? JSON.stringify(item.details ?? {}) : item[column]);
  const rows = page.items.map((item) => `${columns.map((column) => field(item, column)).join(',')}\r\n`);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="audit-${params.accountId}.csv"`,
      'cache-control': 'no-store',
      ...(page.nextCursor ? { 'next-cursor': page.nextCursor } : {}),
    },
    body: `${columns.join(',')}\r\n${rows.join('')}`,
  };
});
