/**
 * PutObjectLockConfiguration: a bucket's default retention (or none), and Object Lock turned on for an
 * existing bucket, which S3 allows only once versioning is enabled; Object Lock is never turned off.
 */
import { errors, S3Error } from './errors.ts';
import { requiredIntegrity } from './integrity.ts';
import { defaultRetention } from './lock.ts';
import { type Operation, requestDocument } from './request.ts';
import { child, childText } from './xml.ts';

/** PutObjectLockConfiguration: the default retention every later put gets. */
export const putObjectLockConfiguration: Operation = (request) =>
  request.store.exclusive(async () => {
    const bucket = request.store.bucket(request.bucket);
    requiredIntegrity(request);
    const document = requestDocument(request, 'ObjectLockConfiguration');
    if (childText(document, 'ObjectLockEnabled') !== 'Enabled') throw errors.malformedXml();
    const rule = child(document, 'Rule');
    const retention = child(rule, 'DefaultRetention');
    if (rule && !retention) throw errors.malformedXml();
    if (!bucket.objectLock && bucket.versioning !== 'Enabled')
      throw new S3Error(
        'InvalidBucketState',
        "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration",
        409,
      );
    const defaults = retention
      ? defaultRetention(childText(retention, 'Mode'), childText(retention, 'Days'), childText(retention, 'Years'))
      : undefined;
    const { defaultRetention: _previous, ...rest } = bucket;
    await request.store.saveBucket({ ...rest, objectLock: true, ...(defaults ? { defaultRetention: defaults } : {}) });
    return { status: 200 };
  });
