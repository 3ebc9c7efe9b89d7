/**
 * The error the S3 stand-in answers with, as S3's REST-XML protocol carries it: `<Error><Code>` with
 * S3's own code, wording and status, plus the element naming the resource (Key, BucketName, ...), so
 * SDK error classes (`NoSuchKey`, `NoSuchBucket`) and code matching on `name` behave as against AWS.
 */
export class S3Error extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra elements of `<Error>`, in order (`Key`, `BucketName`, `VersionId`, `Region`, ...). */
  readonly details: Record<string, string>;
  /** Headers S3 sends with this error too (`x-amz-delete-marker` on a 404 for a delete marker). */
  readonly headers: Record<string, string>;

  constructor(
    code: string,
    message: string,
    status: number,
    details: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.details = details;
    this.headers = headers;
  }
}

/** The errors several operations share, with S3's wording. */
export const errors = {
  noSuchBucket: (bucket: string) =>
    new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket }),
  noSuchKey: (key: string, headers: Record<string, string> = {}) =>
    new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key }, headers),
  noSuchVersion: (key: string, versionId: string) =>
    new S3Error('NoSuchVersion', 'The specified version does not exist.', 404, { Key: key, VersionId: versionId }),
  accessDenied: (message = 'Access Denied') => new S3Error('AccessDenied', message, 403),
  lockedVersion: () => new S3Error('AccessDenied', 'Access Denied because object protected by object lock.', 403),
  invalidRequest: (message: string) => new S3Error('InvalidRequest', message, 400),
  invalidArgument: (message: string, name?: string, value?: string) =>
    new S3Error(
      'InvalidArgument',
      message,
      400,
      name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' },
    ),
  malformedXml: () =>
    new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    ),
  missingLockConfiguration: () => new S3Error('InvalidRequest', 'Bucket is missing Object Lock Configuration', 400),
  notImplemented: (what: string) =>
    new S3Error(
      'NotImplemented',
      `A header or query you provided implies functionality that is not implemented (${what}).`,
      501,
    ),
};
