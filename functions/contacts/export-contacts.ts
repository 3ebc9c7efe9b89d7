/** GET /contacts/export: records for a records request (CT-06), as NDJSON, CSV or a signed bundle, audited. */
import { exportContentTypes } from '../../shared/domain/contact-export.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { exportContactsRoute } from '../../shared/routes/contacts.ts';
import { exportContactRecords } from '../../shared/services/contact-reads.ts';

const fileNames = { ndjson: 'contacts.ndjson', csv: 'contacts.csv', bundle: 'contacts.bundle.json' } as const;

export const handler = routeHandler(exportContactsRoute, async ({ caller, query, event }) => {
  const result = await exportContactRecords(caller, query, event.headers?.accept);
  return {
    statusCode: 200,
    headers: {
      'content-type': exportContentTypes[result.format],
      'content-disposition': `attachment; filename="${fileNames[result.format]}"`,
      'cache-control': 'no-store',
      'x-record-count': String(result.records),
      ...(result.nextCursor ? { 'next-cursor': result.nextCursor } : {}),
    },
    body: result.body,
  };
});
