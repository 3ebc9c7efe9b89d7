/** GET /contacts/transcripts-owed: what a case's contact records still owe (TN-12). */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { listTranscriptsOwedRoute } from '../../shared/routes/contacts.ts';
import { listOwedTranscripts } from '../../shared/services/contact-reads.ts';

export const handler = routeHandler(listTranscriptsOwedRoute, async ({ caller, query }) =>
  json(200, await listOwedTranscripts(caller, query.caseId)),
);
