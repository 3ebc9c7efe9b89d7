/**
 * The integrity checks S3 makes on an upload before storing it: `Content-MD5`, `x-amz-content-sha256`
 * and one `x-amz-checksum-<algorithm>` (as a header or an aws-chunked trailer), each refused with S3's
 * error when it does not match the bytes received. The checksum given is kept and answered on reads.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { errors, S3Error } from './errors.ts';

/** A checksum as S3 stores it: the algorithm's name in upper case and the base64 value. */
export interface Checksum {
  algorithm: string;
  value: string;
}

const castagnoli = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (castagnoli[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const word = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer.toString('base64');
};

/** The algorithms this stand-in can check, by the suffix of their header. */
const algorithms: Record<string, (bytes: Buffer) => string> = {
  crc32: (bytes) => word(crc32(bytes)),
  crc32c: (bytes) => word(crc32c(bytes)),
  sha1: (bytes) => createHash('sha1').update(bytes).digest('base64'),
  sha256: (bytes) => createHash('sha256').update(bytes).digest('base64'),
};

/** The base64 MD5 of the bytes, as Content-MD5 carries it (the ETag is its hex form). */
export const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest();

/** Checks Content-MD5: a value that is not 16 bytes of base64 is InvalidDigest, a wrong one BadDigest. */
export function checkContentMd5(header: string | undefined, payload: Buffer): void {
  if (header === undefined) return;
  const given = Buffer.from(header, 'base64');
  if (given.length !== 16 || given.toString('base64') !== header.trim())
    throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400);
  if (!given.equals(md5(payload)))
    throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
}

/** Checks a hex `x-amz-content-sha256`; the UNSIGNED and STREAMING markers carry no hash to check. */
export function checkContentSha256(header: string | undefined, payload: Buffer): void {
  if (header === undefined || header === 'UNSIGNED-PAYLOAD' || header.startsWith('STREAMING-')) return;
  if (!/^[0-9a-f]{64}$/i.test(header))
    throw errors.invalidArgument('x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-... or a sha256 value.');
  if (createHash('sha256').update(payload).digest('hex') !== header.toLowerCase())
    throw new S3Error(
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      400,
    );
}

/**
 * Checks the one `x-amz-checksum-*` value among the headers and trailers (lower-cased names) and
 * returns it for storage; none given is none kept. CRC64NVME is refused loudly rather than stored unchecked.
 */
export function checkChecksum(fields: Record<string, string | undefined>, payload: Buffer): Checksum | undefined {
  const given = Object.entries(fields).filter(
    (entry): entry is [string, string] =>
      entry[0].startsWith('x-amz-checksum-') &&
      entry[0] !== 'x-amz-checksum-type' &&
      entry[0] !== 'x-amz-checksum-mode' &&
      entry[1] !== undefined,
  );
  if (given.length > 1)
    throw errors.invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  const [only] = given;
  if (!only) return undefined;
  const [name, value] = only;
  const suffix = name.slice('x-amz-checksum-'.length);
  const compute = algorithms[suffix];
  if (!compute) throw errors.notImplemented(`${name} is not checked by this stand-in`);
  const expected = compute(payload);
  if (Buffer.from(value, 'base64').length !== Buffer.from(expected, 'base64').length)
    throw errors.invalidRequest(`Value for ${name} header is invalid.`);
  if (value !== expected)
    throw new S3Error(
      'BadDigest',
      `The ${suffix.toUpperCase()} you specified did not match the calculated checksum.`,
      400,
    );
  return { algorithm: suffix.toUpperCase(), value };
}
