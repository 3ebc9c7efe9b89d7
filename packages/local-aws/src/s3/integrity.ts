/**
 * The body of a write and the checks S3 makes on it before anything is stored: the aws-chunked
 * envelope removed, `x-amz-content-sha256`, `Content-MD5` and any `x-amz-checksum-*` verified.
 */
import { type Checksum, checkChecksum, checkContentMd5, checkContentSha256 } from './checksums.ts';
import { decodeAwsChunked, isAwsChunked } from './chunked.ts';
import { errors } from './errors.ts';
import type { S3Request } from './request.ts';

/** The verified bytes, the checksum given (if any) and whether any integrity header was sent. */
export interface VerifiedBody {
  payload: Buffer;
  checksum?: Checksum;
  hasIntegrityHeader: boolean;
}

/** Decodes and verifies a request body. */
export function verifiedBody(request: S3Request): VerifiedBody {
  const sha256 = request.header('x-amz-content-sha256');
  let payload = request.body;
  let trailers: Record<string, string> = {};
  if (isAwsChunked(request.header('content-encoding'), sha256)) {
    ({ payload, trailers } = decodeAwsChunked(request.body, request.header('x-amz-decoded-content-length')));
    const declared = (request.header('x-amz-trailer') ?? '').split(',').map((name) => name.trim().toLowerCase());
    for (const name of Object.keys(trailers))
      if (name.startsWith('x-amz-checksum-') && !declared.includes(name))
        throw errors.invalidRequest(`The trailer ${name} was not declared in x-amz-trailer.`);
  } else checkContentSha256(sha256, payload);
  checkContentMd5(request.header('content-md5'), payload);
  const checksum = checkChecksum({ ...request.headers, ...trailers }, payload);
  return {
    payload,
    checksum,
    hasIntegrityHeader: checksum !== undefined || request.header('content-md5') !== undefined,
  };
}

/** Operations whose model marks the checksum as required refuse a body without Content-MD5 or a checksum. */
export function requiredIntegrity(request: S3Request): VerifiedBody {
  const body = verifiedBody(request);
  if (!body.hasIntegrityHeader) throw errors.invalidRequest('Missing required header for this request: Content-MD5');
  return body;
}
