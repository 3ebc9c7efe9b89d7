/**
 * Conditional reads as S3 evaluates them: If-Match and If-Unmodified-Since fail with 412, If-None-Match and
 * If-Modified-Since answer 304; If-Match that holds overrides If-Unmodified-Since, and If-None-Match that
 * fails overrides If-Modified-Since (RFC 7232 order).
 */
import { S3Error } from './errors.ts';
import type { ObjectVersion } from './model.ts';
import type { S3Request } from './request.ts';

const etagMatches = (header: string, etag: string) =>
  header.split(',').some((part) => part.trim() === '*' || part.trim().replace(/^W\//, '').replace(/"/g, '') === etag);

const seconds = (value: string | number) => Math.floor(new Date(value).getTime() / 1000);

/** Whether the read answers 304 Not Modified; a failed precondition throws PreconditionFailed. */
export function readConditions(request: S3Request, version: ObjectVersion): boolean {
  const ifMatch = request.header('if-match');
  const ifNoneMatch = request.header('if-none-match');
  const ifModifiedSince = request.header('if-modified-since');
  const ifUnmodifiedSince = request.header('if-unmodified-since');
  const modified = seconds(version.lastModified);
  const failed = (condition: string) =>
    new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
      Condition: condition,
    });
  if (ifMatch !== undefined && !etagMatches(ifMatch, version.etag)) throw failed('If-Match');
  if (ifMatch === undefined && ifUnmodifiedSince !== undefined) {
    const since = Date.parse(ifUnmodifiedSince);
    if (!Number.isNaN(since) && modified > seconds(since)) throw failed('If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, version.etag);
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && modified <= seconds(since);
  }
  return false;
}
