/**
 * The awsJson1_1 protocol's HTTP side: a JSON body in, a JSON body out with content type
 * `application/x-amz-json-1.1` and an `x-amzn-RequestId`, errors as `{"__type", "message"}`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serialization, ServiceError } from './errors.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** Well above the largest valid request (a 64 KiB binary secret is about 88 KiB of base64). */
const MAX_BODY_BYTES = 1024 * 1024;

/** The request body as text; the whole body is read (so the client can receive the answer) but at most 1 MiB kept. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES)
    throw new ServiceError('RequestEntityTooLargeException', 'Request body is too large.', 413);
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as JSON; an empty body is an empty input, anything unparsable a SerializationException. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    // Never V8's message: it quotes the text around the error, which may be a secret value.
    throw serialization('The request body is not valid JSON.');
  }
}

/** A 200 with the operation's output. */
export function sendOutput(response: ServerResponse, output: Record<string, unknown>): void {
  send(response, 200, output);
}

/** An error the way AWS sends it; the SDKs read `__type` and `message`. */
export function sendError(response: ServerResponse, error: ServiceError): void {
  send(
    response,
    error.status,
    error.hasMessage ? { __type: error.type, message: error.message } : { __type: error.type },
  );
}

function send(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(payload);
}
