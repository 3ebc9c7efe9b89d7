/** Finding the version an object request names: `versionId`, or the key's current version. */
import { errors, S3Error } from './errors.ts';
import type { Bucket, ObjectVersion } from './model.ts';
import { httpDate, type S3Request } from './request.ts';

/** The version id header, which S3 sends only for buckets that have ever had versioning configured. */
export function versionHeader(bucket: Bucket, version: ObjectVersion): Record<string, string> {
  return bucket.versioning ? { 'x-amz-version-id': version.versionId } : {};
}

/**
 * The version a read or lock request names. A current delete marker is NoSuchKey (404) and a delete marker
 * named by id is MethodNotAllowed (405), both with `x-amz-delete-marker: true`, as S3 answers.
 */
export function namedVersion(request: S3Request, bucket: Bucket): ObjectVersion {
  const versions = request.store.versionsOf(bucket.name, request.key);
  const versionId = request.query.get('versionId');
  if (versionId !== null) {
    const version = versions.find((candidate) => candidate.versionId === versionId);
    if (!version) throw errors.noSuchVersion(request.key, versionId);
    if (version.deleteMarker)
      throw new S3Error(
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
        405,
        { Method: request.method, ResourceType: 'DeleteMarker' },
        {
          'x-amz-delete-marker': 'true',
          'last-modified': httpDate(version.lastModified),
          ...versionHeader(bucket, version),
        },
      );
    return version;
  }
  const current = versions[0];
  if (!current) throw errors.noSuchKey(request.key);
  if (current.deleteMarker)
    throw errors.noSuchKey(request.key, { 'x-amz-delete-marker': 'true', ...versionHeader(bucket, current) });
  return current;
}
