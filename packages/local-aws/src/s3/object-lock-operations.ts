/**
 * An object version's own lock: Get/PutObjectRetention and Get/PutObjectLegalHold, on buckets with
 * Object Lock only. PutObjectRetention applies the rules in lock.ts, so COMPLIANCE retention can be
 * extended but never shortened or removed while it holds.
 */
import { errors, S3Error } from './errors.ts';
import { requiredIntegrity } from './integrity.ts';
import { checkRetentionChange, legalHoldStatus, lockMode, retainUntil } from './lock.ts';
import type { Bucket, Retention } from './model.ts';
import { type Operation, requestDocument, type S3Request, xmlResponse } from './request.ts';
import { namedVersion } from './versions.ts';
import { childText, xmlDocument } from './xml.ts';

const noConfiguration = () =>
  new S3Error('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration', 404);

function lockBucket(request: S3Request): Bucket {
  const bucket = request.store.bucket(request.bucket);
  if (!bucket.objectLock) throw errors.missingLockConfiguration();
  return bucket;
}

/** GetObjectRetention: a version's mode and retain-until date. */
export const getObjectRetention: Operation = (request) => {
  const version = namedVersion(request, lockBucket(request));
  if (!version.retention) throw noConfiguration();
  return xmlResponse(
    xmlDocument('Retention', [
      ['Mode', version.retention.mode],
      ['RetainUntilDate', version.retention.retainUntil],
    ]),
  );
};

/** PutObjectRetention: extends retention; shortening or removing an active lock is refused. */
export const putObjectRetention: Operation = (request) =>
  request.store.exclusive(async () => {
    const bucket = lockBucket(request);
    requiredIntegrity(request);
    const document = requestDocument(request, 'Retention');
    const mode = childText(document, 'Mode');
    const until = childText(document, 'RetainUntilDate');
    if ((mode === undefined) !== (until === undefined)) throw errors.malformedXml();
    const next: Retention | undefined =
      mode === undefined || until === undefined
        ? undefined
        : { mode: lockMode(mode), retainUntil: retainUntil(until, request.now) };
    const version = namedVersion(request, bucket);
    const bypass = request.header('x-amz-bypass-governance-retention')?.toLowerCase() === 'true';
    checkRetentionChange(version.retention, next, bypass, request.now);
    const { retention: _previous, ...rest } = version;
    await request.store.updateVersion(bucket.name, next ? { ...rest, retention: next } : rest);
    return { status: 200 };
  });

/** GetObjectLegalHold: a version's legal hold, once ever set. */
export const getObjectLegalHold: Operation = (request) => {
  const version = namedVersion(request, lockBucket(request));
  if (version.legalHold === undefined) throw noConfiguration();
  return xmlResponse(xmlDocument('LegalHold', [['Status', version.legalHold ? 'ON' : 'OFF']]));
};

/** PutObjectLegalHold: ON blocks deleting the version whatever its retention. */
export const putObjectLegalHold: Operation = (request) =>
  request.store.exclusive(async () => {
    const bucket = lockBucket(request);
    requiredIntegrity(request);
    const status = childText(requestDocument(request, 'LegalHold'), 'Status');
    if (status === undefined) throw errors.malformedXml();
    const legalHold = legalHoldStatus(status);
    const version = namedVersion(request, bucket);
    await request.store.updateVersion(bucket.name, { ...version, legalHold });
    return { status: 200 };
  });
