/** POST /contacts: a case system records a contact (TN-12); Idempotency-Key makes retries safe. */
import { readCallerWithContactChecks } from '../../shared/http/contact-caller.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { parseOrThrow } from '../../shared/http/validate.ts';
import { recordContactRoute } from '../../shared/routes/contacts.ts';
import { recordContact } from '../../shared/services/contacts.ts';

const { headers } = recordContactRoute.request;

export const handler = routeHandler(
  recordContactRoute,
  async ({ caller, body, event }) => {
    const { 'idempotency-key': idempotencyKey } = parseOrThrow(headers, event.headers ?? {}, 'header');
    return json(201, await recordContact(caller, body, idempotencyKey));
  },
  readCallerWithContactChecks,
);
