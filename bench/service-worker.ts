/**
 * Child process of ingest-service.ts: records each batch of contact bodies it is sent through
 * shared/services/contacts.ts at the given concurrency, and answers with the timings.
 */
import { randomUUID } from 'node:crypto';
import type { Caller } from '../shared/auth/caller.ts';
import type { ContactBody } from '../shared/schemas/contacts.ts';
import { recordContact } from '../shared/services/contacts.ts';
import { atConcurrency } from './load.ts';

process.on('message', (message: { caller: Caller; bodies: ContactBody[]; concurrency: number }) => {
  atConcurrency(
    message.bodies,
    message.concurrency,
    async (body) => void (await recordContact(message.caller, body, randomUUID())),
  )
    .then((timed) => process.send!(timed))
    .catch((error: Error) => process.send!({ error: `${error.name}: ${error.message}` }));
});
