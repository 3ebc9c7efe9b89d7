/**
 * The object operations: PutObject (with Object Lock headers, the bucket's default retention and
 * `If-None-Match: *`), GetObject and HeadObject (with the lock headers), and DeleteObject, which in a
 * versioned bucket adds a delete marker and, given a version id, removes that version unless it is locked.
 */
import { md5 } from './checksums.ts';
import { errors, S3Error } from './errors.ts';
import { verifiedBody } from './integrity.ts';
import { checkDeletable, lockForPut } from './lock.ts';
import type { Bucket, ObjectVersion } from './model.ts';
import { readConditions } from './read-conditions.ts';
import { httpDate, isoDate, type Operation, type S3Request, type S3Response } from './request.ts';
import { newVersionId } from './store.ts';
import { namedVersion, versionHeader } from './versions.ts';

/** Representation headers S3 keeps with an object and answers on reads. */
const storedHeaders = ['content-type', 'cache-control', 'content-disposition', 'content-language', 'expires'];

const lockRequired =
  'Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters';

function representation(request: S3Request): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'binary/octet-stream' };
  for (const name of storedHeaders) {
    const value = request.header(name);
    if (value !== undefined) headers[name] = value;
  }
  const encoding = (request.header('content-encoding') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part.toLowerCase() !== 'aws-chunked');
  if (encoding.length > 0) headers['content-encoding'] = encoding.join(',');
  return headers;
}

function metadata(request: S3Request): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).filter(
      (entry): entry is [string, string] => entry[0].startsWith('x-amz-meta-') && entry[1] !== undefined,
    ),
  );
}

/** Conditional writes: `If-None-Match: *` refuses an existing key, `If-Match` a changed one. */
function checkWriteConditions(request: S3Request, current: ObjectVersion | undefined): void {
  const ifNoneMatch = request.header('if-none-match');
  const ifMatch = request.header('if-match');
  const exists = current !== undefined && !current.deleteMarker;
  const failed = (condition: string) =>
    new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
      Condition: condition,
    });
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') throw errors.notImplemented('If-None-Match other than * on a write');
    if (exists) throw failed('If-None-Match');
  }
  if (ifMatch !== undefined) {
    if (!exists) throw errors.noSuchKey(request.key);
    if (ifMatch.trim() !== '*' && ifMatch.trim().replace(/"/g, '') !== current.etag) throw failed('If-Match');
  }
}

/** PutObject: verified bytes stored as a new version, locked as the headers or the bucket default say. */
export const putObject: Operation = async (request) => {
  const bucket = request.store.bucket(request.bucket);
  if (request.header('x-amz-tagging') !== undefined) throw errors.notImplemented('object tagging');
  const body = verifiedBody(request);
  const lock = lockForPut(
    bucket,
    {
      mode: request.header('x-amz-object-lock-mode'),
      until: request.header('x-amz-object-lock-retain-until-date'),
      legalHold: request.header('x-amz-object-lock-legal-hold'),
    },
    request.now,
  );
  if ((lock.explicit || lock.retention) && !body.hasIntegrityHeader) throw errors.invalidRequest(lockRequired);
  return request.store.exclusive(async () => {
    checkWriteConditions(request, request.store.versionsOf(bucket.name, request.key)[0]);
    const etag = md5(body.payload).toString('hex');
    const version: ObjectVersion = {
      ...request.store.allocate(bucket.name),
      key: request.key,
      versionId: bucket.versioning === 'Enabled' ? newVersionId() : 'null',
      deleteMarker: false,
      lastModified: isoDate(request.now),
      etag,
      size: body.payload.length,
      headers: representation(request),
      metadata: metadata(request),
      ...(body.checksum ? { checksum: body.checksum } : {}),
      ...(lock.retention ? { retention: lock.retention } : {}),
      ...(lock.legalHold === undefined ? {} : { legalHold: lock.legalHold }),
    };
    await request.store.addVersion(bucket.name, version, body.payload);
    return {
      status: 200,
      headers: {
        etag: `"${etag}"`,
        ...versionHeader(bucket, version),
        ...(body.checksum
          ? {
              [`x-amz-checksum-${body.checksum.algorithm.toLowerCase()}`]: body.checksum.value,
              'x-amz-checksum-type': 'FULL_OBJECT',
            }
          : {}),
      },
    };
  });
};

/** The headers GetObject and HeadObject answer for a version. */
function objectHeaders(request: S3Request, bucket: Bucket, version: ObjectVersion): Record<string, string> {
  const checksum = request.header('x-amz-checksum-mode') === 'ENABLED' ? version.checksum : undefined;
  return {
    ...version.headers,
    ...version.metadata,
    etag: `"${version.etag}"`,
    'last-modified': httpDate(version.lastModified),
    'accept-ranges': 'bytes',
    ...versionHeader(bucket, version),
    ...(version.retention
      ? {
          'x-amz-object-lock-mode': version.retention.mode,
          'x-amz-object-lock-retain-until-date': version.retention.retainUntil,
        }
      : {}),
    ...(version.legalHold === undefined ? {} : { 'x-amz-object-lock-legal-hold': version.legalHold ? 'ON' : 'OFF' }),
    ...(checksum
      ? { [`x-amz-checksum-${checksum.algorithm.toLowerCase()}`]: checksum.value, 'x-amz-checksum-type': 'FULL_OBJECT' }
      : {}),
  };
}

async function readObject(request: S3Request, withBody: boolean): Promise<S3Response> {
  const bucket = request.store.bucket(request.bucket);
  if (request.query.has('partNumber')) throw errors.notImplemented('partNumber');
  const version = namedVersion(request, bucket);
  const headers = objectHeaders(request, bucket, version);
  const notModified = readConditions(request, version);
  if (notModified) return { status: 304, headers: { etag: headers.etag, 'last-modified': headers['last-modified'] } };
  const range = parseRange(request.header('range'), version.size);
  const length = range ? range.end - range.start + 1 : version.size;
  const answer: Record<string, string> = { ...headers, 'content-length': String(length) };
  if (range) answer['content-range'] = `bytes ${range.start}-${range.end}/${version.size}`;
  if (!withBody) return { status: range ? 206 : 200, headers: answer };
  const bytes = await request.store.body(bucket.name, version);
  return {
    status: range ? 206 : 200,
    headers: answer,
    body: range ? bytes.subarray(range.start, range.end + 1) : bytes,
  };
}

/** One `bytes=` range; several ranges are not served, an unsatisfiable one is InvalidRange (416). */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) {
    if (header.includes(',')) throw errors.notImplemented('multiple byte ranges');
    return undefined;
  }
  const [, from, to] = match;
  if (from === '' && to === '') return undefined;
  const start = from === '' ? Math.max(0, size - Number(to)) : Number(from);
  const end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || start > end || (from === '' && Number(to) === 0))
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: header,
      ActualObjectSize: String(size),
    });
  return { start, end };
}

/** GetObject: the bytes with their lock headers. */
export const getObject: Operation = (request) => readObject(request, true);
/** HeadObject: the same headers as GetObject, no body. */
export const headObject: Operation = (request) => readObject(request, false);

/** DeleteObject: a delete marker, or a version removed if its lock allows. */
export const deleteObject: Operation = (request) =>
  request.store.exclusive(async () => {
    const bucket = request.store.bucket(request.bucket);
    if (request.header('if-match') !== undefined) throw errors.notImplemented('conditional deletes');
    const versions = request.store.versionsOf(bucket.name, request.key);
    const versionId = request.query.get('versionId');
    if (versionId !== null) {
      const version = versions.find((candidate) => candidate.versionId === versionId);
      if (!version) return { status: 204, headers: { 'x-amz-version-id': versionId } };
      const bypass = request.header('x-amz-bypass-governance-retention')?.toLowerCase() === 'true';
      if (!version.deleteMarker) checkDeletable(version, bypass, request.now);
      await request.store.removeVersion(bucket.name, version);
      return {
        status: 204,
        headers: { 'x-amz-version-id': versionId, ...(version.deleteMarker ? { 'x-amz-delete-marker': 'true' } : {}) },
      };
    }
    if (!bucket.versioning) {
      const existing = versions.find((candidate) => candidate.versionId === 'null');
      if (existing) await request.store.removeVersion(bucket.name, existing);
      return { status: 204 };
    }
    const marker: ObjectVersion = {
      ...request.store.allocate(bucket.name),
      key: request.key,
      versionId: bucket.versioning === 'Enabled' ? newVersionId() : 'null',
      deleteMarker: true,
      lastModified: isoDate(request.now),
      etag: '',
      size: 0,
      headers: {},
      metadata: {},
    };
    await request.store.addVersion(bucket.name, marker, undefined);
    return { status: 204, headers: { 'x-amz-delete-marker': 'true', 'x-amz-version-id': marker.versionId } };
  });
