/**
 * The bucket operations: CreateBucket (with `x-amz-bucket-object-lock-enabled`), HeadBucket, ListBuckets,
 * GetBucketLocation, DeleteBucket, and versioning, which an Object Lock bucket can never leave.
 */
import { errors, S3Error } from './errors.ts';
import { verifiedBody } from './integrity.ts';
import { owner } from './listing.ts';
import type { Bucket } from './model.ts';
import { isoDate, type Operation, requestDocument, xmlResponse } from './request.ts';
import { childText, parseXml, xmlDocument } from './xml.ts';

/** S3's general purpose bucket naming rules. */
function checkBucketName(name: string): void {
  const valid =
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !name.startsWith('xn--') &&
    !name.endsWith('-s3alias');
  if (!valid) throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
}

/** The LocationConstraint a create must carry here: none in us-east-1, the server's Region elsewhere. */
function checkLocation(body: Buffer, region: string): void {
  const text = body.toString('utf8').trim();
  const constraint = text === '' ? undefined : childText(parseXml(text), 'LocationConstraint');
  if (region === 'us-east-1') {
    if (constraint !== undefined && constraint !== '')
      throw new S3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
        LocationConstraint: constraint,
      });
    return;
  }
  if (constraint !== region)
    throw new S3Error(
      'IllegalLocationConstraintException',
      `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint ` +
        'this request was sent to.',
      400,
    );
}

/** CreateBucket; with Object Lock it also turns versioning on, for good (S3 never lets it off). */
export const createBucket: Operation = async (request) => {
  checkBucketName(request.bucket);
  checkLocation(request.body, request.region);
  const lockHeader = request.header('x-amz-bucket-object-lock-enabled');
  if (lockHeader !== undefined && !/^(true|false)$/i.test(lockHeader))
    throw errors.invalidArgument('Invalid x-amz-bucket-object-lock-enabled header', 'x-amz-bucket-object-lock-enabled');
  return request.store.exclusive(async () => {
    if (request.store.find(request.bucket)) {
      // AWS documents that us-east-1 answers a repeated create by the owner with 200 OK, for legacy reasons.
      if (request.region === 'us-east-1') return { status: 200, headers: { location: `/${request.bucket}` } };
      throw new S3Error(
        'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.',
        409,
        { BucketName: request.bucket },
      );
    }
    const objectLock = lockHeader?.toLowerCase() === 'true';
    const bucket: Bucket = {
      name: request.bucket,
      createdAt: isoDate(request.now),
      objectLock,
      ...(objectLock ? { versioning: 'Enabled' as const } : {}),
    };
    await request.store.saveBucket(bucket);
    return { status: 200, headers: { location: `/${request.bucket}` } };
  });
};

/** HeadBucket: whether the bucket exists, and its Region. */
export const headBucket: Operation = (request) => {
  request.store.bucket(request.bucket);
  return { status: 200, headers: { 'x-amz-bucket-region': request.region } };
};

/** ListBuckets, as `aws s3 ls` without a bucket asks. */
export const listBuckets: Operation = (request) =>
  xmlResponse(
    xmlDocument('ListAllMyBucketsResult', [
      owner,
      [
        'Buckets',
        request.store.buckets().map((bucket) => [
          'Bucket',
          [
            ['Name', bucket.name],
            ['CreationDate', bucket.createdAt],
          ],
        ]),
      ],
    ]),
  );

/** GetBucketLocation: empty for us-east-1, as S3 answers. */
export const getBucketLocation: Operation = (request) => {
  request.store.bucket(request.bucket);
  return xmlResponse(
    `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${
      request.region === 'us-east-1' ? '' : request.region
    }</LocationConstraint>`,
  );
};

/** DeleteBucket, refused while a version or delete marker remains, so locked digests cannot go with it. */
export const deleteBucket: Operation = (request) =>
  request.store.exclusive(async () => {
    const bucket = request.store.bucket(request.bucket);
    if (request.store.versions(request.bucket).length > 0)
      throw new S3Error(
        'BucketNotEmpty',
        bucket.versioning
          ? 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.'
          : 'The bucket you tried to delete is not empty',
        409,
        { BucketName: bucket.name },
      );
    await request.store.deleteBucket(bucket.name);
    return { status: 204 };
  });

/** GetBucketVersioning; no Status until versioning was ever configured. */
export const getBucketVersioning: Operation = (request) => {
  const bucket = request.store.bucket(request.bucket);
  return xmlResponse(xmlDocument('VersioningConfiguration', [['Status', bucket.versioning]]));
};

/** PutBucketVersioning; an Object Lock bucket cannot leave Enabled. */
export const putBucketVersioning: Operation = (request) =>
  request.store.exclusive(async () => {
    const bucket = request.store.bucket(request.bucket);
    // The SDK sends a checksum here (the model requires one); a wrong one is refused, none is tolerated.
    verifiedBody(request);
    const document = requestDocument(request, 'VersioningConfiguration');
    const status = childText(document, 'Status');
    const mfaDelete = childText(document, 'MfaDelete');
    if (mfaDelete === 'Enabled') throw errors.notImplemented('MFA delete');
    if (status !== 'Enabled' && status !== 'Suspended') throw errors.malformedXml();
    if (bucket.objectLock && status !== 'Enabled')
      throw new S3Error(
        'InvalidBucketState',
        'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.',
        409,
      );
    await request.store.saveBucket({ ...bucket, versioning: status });
    return { status: 200 };
  });

/** GetObjectLockConfiguration: the bucket's default retention, if any. */
export const getObjectLockConfiguration: Operation = (request) => {
  const bucket = request.store.bucket(request.bucket);
  if (!bucket.objectLock)
    throw new S3Error(
      'ObjectLockConfigurationNotFoundError',
      'Object Lock configuration does not exist for this bucket',
      404,
      { BucketName: bucket.name },
    );
  const rule = bucket.defaultRetention;
  return xmlResponse(
    xmlDocument('ObjectLockConfiguration', [
      ['ObjectLockEnabled', 'Enabled'],
      [
        'Rule',
        rule && [
          [
            'DefaultRetention',
            [
              ['Mode', rule.mode],
              ['Days', rule.days],
              ['Years', rule.years],
            ],
          ],
        ],
      ],
    ]),
  );
};
