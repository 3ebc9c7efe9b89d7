/** POST /contacts/{contactId}/transcript: the transcript a contact record owes (TN-12), supplied later. */
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { supplyTranscriptRoute } from '../../shared/routes/contacts.ts';
import { supplyContactTranscript } from '../../shared/services/transcripts.ts';

export const handler = routeHandler(supplyTranscriptRoute, async ({ caller, params, body }) =>
  json(200, await supplyContactTranscript(caller, params.contactId, body.transcriptDocumentId)),
);
