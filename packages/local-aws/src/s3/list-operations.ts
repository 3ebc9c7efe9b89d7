/** ListObjectsV2, ListObjects and ListObjectVersions, answered in S3's XML. */
import { errors } from './errors.ts';
import { compareKeys, contents, encoder, maxKeys, owner, page } from './listing.ts';
import type { ObjectVersion } from './model.ts';
import { type Operation, xmlResponse } from './request.ts';
import type { XmlNode } from './xml.ts';
import { xmlDocument } from './xml.ts';

/** The current, visible version of each key, in listing order. */
function currentObjects(versions: ObjectVersion[]): ObjectVersion[] {
  return versions.filter((version, index) => versions[index - 1]?.key !== version.key && !version.deleteMarker);
}

/** Continuation tokens are opaque to clients; here they carry the last key or common prefix listed. */
const token = (last: string) => Buffer.from(last, 'utf8').toString('base64url');

function untoken(value: string): string {
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  if (value === '' || token(decoded) !== value)
    throw errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token', value);
  return decoded;
}

/** Skips what a previous page listed: keys up to the marker, and every key under a common prefix marker. */
const after = (marker: string | undefined, delimiter: string) => (version: ObjectVersion) =>
  marker !== undefined &&
  (compareKeys(version.key, marker) <= 0 ||
    (delimiter !== '' && marker.endsWith(delimiter) && version.key.startsWith(marker)));

const lastOf = (entry: { version?: ObjectVersion; prefix?: string } | undefined) =>
  entry?.prefix ?? entry?.version?.key ?? '';

/** What every listing reads from its query: the prefix, delimiter, page size and key encoding. */
function listingOf(request: Parameters<Operation>[0]) {
  request.store.bucket(request.bucket);
  const q = request.query;
  return {
    q,
    prefix: q.get('prefix') ?? '',
    delimiter: q.get('delimiter') ?? '',
    limit: maxKeys(q.get('max-keys')),
    encode: encoder(q.get('encoding-type')),
  };
}

/** A page's common prefixes, as every listing answers them. */
const commonPrefixes = (entries: ReadonlyArray<{ prefix?: string }>, encode: (value: string) => string): XmlNode[] =>
  entries.flatMap((entry): XmlNode[] => (entry.prefix ? [['CommonPrefixes', [['Prefix', encode(entry.prefix)]]]] : []));

/** ListObjectsV2 (`list-type=2`), what the SDK and `aws s3 ls` use. */
export const listObjectsV2: Operation = (request) => {
  const { q, prefix, delimiter, limit, encode } = listingOf(request);
  const continuation = q.get('continuation-token');
  const startAfter = q.get('start-after') ?? undefined;
  const marker = continuation !== null ? untoken(continuation) : startAfter;
  const { entries, truncated } = page(currentObjects(request.store.versions(request.bucket)), {
    prefix,
    delimiter,
    maxKeys: limit,
    skip: after(marker, continuation !== null ? delimiter : ''),
  });
  const children: XmlNode[] = [
    ['Name', request.bucket],
    ['Prefix', encode(prefix)],
    ['Delimiter', delimiter === '' ? undefined : encode(delimiter)],
    ['MaxKeys', limit],
    ['EncodingType', q.get('encoding-type') ?? undefined],
    ['KeyCount', entries.length],
    ['IsTruncated', truncated],
    ['ContinuationToken', continuation ?? undefined],
    ['NextContinuationToken', truncated ? token(lastOf(entries.at(-1))) : undefined],
    ['StartAfter', startAfter === undefined ? undefined : encode(startAfter)],
    ...entries.flatMap((entry): XmlNode[] =>
      entry.version ? [contents(entry.version, encode, q.get('fetch-owner') === 'true')] : [],
    ),
    ...commonPrefixes(entries, encode),
  ];
  return xmlResponse(xmlDocument('ListBucketResult', children));
};

/** ListObjects (version 1), for older clients. */
export const listObjects: Operation = (request) => {
  const { q, prefix, delimiter, limit, encode } = listingOf(request);
  const marker = q.get('marker') ?? undefined;
  const { entries, truncated } = page(currentObjects(request.store.versions(request.bucket)), {
    prefix,
    delimiter,
    maxKeys: limit,
    skip: after(marker, delimiter),
  });
  const children: XmlNode[] = [
    ['Name', request.bucket],
    ['Prefix', encode(prefix)],
    ['Marker', encode(marker ?? '')],
    ['NextMarker', truncated && delimiter !== '' ? encode(lastOf(entries.at(-1))) : undefined],
    ['MaxKeys', limit],
    ['Delimiter', delimiter === '' ? undefined : encode(delimiter)],
    ['EncodingType', q.get('encoding-type') ?? undefined],
    ['IsTruncated', truncated],
    ...entries.flatMap((entry): XmlNode[] => (entry.version ? [contents(entry.version, encode, true)] : [])),
    ...commonPrefixes(entries, encode),
  ];
  return xmlResponse(xmlDocument('ListBucketResult', children));
};

/** ListObjectVersions (`?versions`): versions and delete markers, so a hidden digest stays findable. */
export const listObjectVersions: Operation = (request) => {
  const { q, prefix, delimiter, limit, encode } = listingOf(request);
  const keyMarker = q.get('key-marker') ?? '';
  const versionIdMarker = q.get('version-id-marker') ?? '';
  if (versionIdMarker !== '' && keyMarker === '')
    throw errors.invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker');
  const versions = request.store.versions(request.bucket);
  const markerVersion = versions.find((v) => v.key === keyMarker && v.versionId === versionIdMarker);
  if (versionIdMarker !== '' && !markerVersion)
    throw errors.invalidArgument('Invalid version id specified', 'version-id-marker', versionIdMarker);
  const skipKeys = after(keyMarker === '' ? undefined : keyMarker, delimiter);
  const skip = (version: ObjectVersion) => {
    if (markerVersion && version.key === keyMarker) return version.seq >= markerVersion.seq;
    return skipKeys(version);
  };
  const { entries, truncated } = page(versions, { prefix, delimiter, maxKeys: limit, skip });
  const last = entries.at(-1);
  const latest = (version: ObjectVersion) => request.store.versionsOf(request.bucket, version.key)[0] === version;
  const children: XmlNode[] = [
    ['Name', request.bucket],
    ['Prefix', encode(prefix)],
    ['KeyMarker', encode(keyMarker)],
    ['VersionIdMarker', versionIdMarker],
    ['NextKeyMarker', truncated ? encode(lastOf(last)) : undefined],
    ['NextVersionIdMarker', truncated && last?.version ? last.version.versionId : undefined],
    ['MaxKeys', limit],
    ['Delimiter', delimiter === '' ? undefined : encode(delimiter)],
    ['EncodingType', q.get('encoding-type') ?? undefined],
    ['IsTruncated', truncated],
    ...entries.flatMap(({ version }): XmlNode[] => {
      if (!version) return [];
      const common: XmlNode[] = [
        ['Key', encode(version.key)],
        ['VersionId', version.versionId],
        ['IsLatest', latest(version)],
        ['LastModified', version.lastModified],
      ];
      if (version.deleteMarker) return [['DeleteMarker', [...common, owner]]];
      const details: XmlNode[] = [
        ['ETag', `"${version.etag}"`],
        ['Size', version.size],
        ['StorageClass', 'STANDARD'],
        owner,
      ];
      return [['Version', [...common, ...details]]];
    }),
    ...commonPrefixes(entries, encode),
  ];
  return xmlResponse(xmlDocument('ListVersionsResult', children));
};
