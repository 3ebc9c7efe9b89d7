/** GET /contacts: a page of one case's, account's or worker's contact records. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listContactsRoute } from '../../shared/routes/contacts.ts';
import { listContactRecords } from '../../shared/services/contact-reads.ts';

export const handler = routeHandler(listContactsRoute, async ({ caller, query }) =>
  json(200, await listContactRecords(caller, query)),
);
