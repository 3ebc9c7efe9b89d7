/**
 * The `aws-chunked` content encoding the SDK v3 and the CLI use for streamed uploads
 * (`x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER` or the signed `STREAMING-AWS4-HMAC-SHA256-*`
 * forms): `<hex size>[;chunk-signature=...]\r\n<bytes>\r\n` chunks, a zero-sized last chunk, then trailing
 * headers such as `x-amz-checksum-crc32:<base64>`. Chunk signatures are not verified, as no header signature is.
 */
import { S3Error } from './errors.ts';

/** The payload and its trailing headers (lower-cased names). */
export interface Decoded {
  payload: Buffer;
  trailers: Record<string, string>;
}

const incomplete = () => new S3Error('IncompleteBody', 'The request body terminated unexpectedly', 400);

/** Whether the request body is aws-chunked, by its encoding or its content-sha256 marker. */
export function isAwsChunked(contentEncoding: string | undefined, contentSha256: string | undefined): boolean {
  const encodings = (contentEncoding ?? '').split(',').map((part) => part.trim().toLowerCase());
  return encodings.includes('aws-chunked') || (contentSha256 ?? '').startsWith('STREAMING-');
}

/** Decodes a whole aws-chunked body; a malformed or short one is S3's IncompleteBody. */
export function decodeAwsChunked(body: Buffer, decodedLength: string | undefined): Decoded {
  const parts: Buffer[] = [];
  let offset = 0;
  const line = (): string => {
    const end = body.indexOf('\r\n', offset);
    if (end < 0) throw incomplete();
    const text = body.subarray(offset, end).toString('latin1');
    offset = end + 2;
    return text;
  };
  for (;;) {
    const hex = (line().split(';')[0] ?? '').trim();
    const size = Number.parseInt(hex, 16);
    if (!/^[0-9a-f]+$/i.test(hex) || !Number.isSafeInteger(size)) throw incomplete();
    if (size === 0) break;
    if (offset + size + 2 > body.length || body.toString('latin1', offset + size, offset + size + 2) !== '\r\n')
      throw incomplete();
    parts.push(body.subarray(offset, offset + size));
    offset += size + 2;
  }
  const trailers: Record<string, string> = {};
  while (offset < body.length) {
    const trailer = line();
    if (trailer === '') break;
    const colon = trailer.indexOf(':');
    if (colon < 0) throw incomplete();
    trailers[trailer.slice(0, colon).trim().toLowerCase()] = trailer.slice(colon + 1).trim();
  }
  const payload = Buffer.concat(parts);
  if (decodedLength !== undefined && Number(decodedLength) !== payload.length) throw incomplete();
  return { payload, trailers };
}
