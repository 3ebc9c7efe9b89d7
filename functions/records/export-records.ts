/** GET /records/export: incidents, decisions, suggestions and audit trail for a records request (CT-06). */
import { routeHandler } from '../../shared/http/route-handler.ts';
import { exportRecordsRoute } from '../../shared/routes/records.ts';
import { exportRecords } from '../../shared/services/record-export.ts';

export const handler = routeHandler(exportRecordsRoute, async ({ caller, query }) => {
  const result = await exportRecords(caller, query);
  return {
    statusCode: 200,
    headers: {
      'content-type': result.format === 'bundle' ? 'application/json' : 'application/x-ndjson',
      'content-disposition': `attachment; filename="records.${result.format === 'bundle' ? 'bundle.json' : 'ndjson'}"`,
      'cache-control': 'no-store',
      'x-record-count': String(result.records),
    },
    body: result.body,
  };
});
