/**
 * S3's listings: ListObjectsV2 (and the older ListObjects) over the current versions, ListObjectVersions
 * over every version and delete marker, in the order S3 lists (keys by UTF-8 bytes, each key's versions
 * newest first), with prefix, delimiter (common prefixes count as one entry each), markers and paging.
 */
import { errors } from './errors.ts';
import type { ObjectVersion } from './model.ts';
import type { XmlNode } from './xml.ts';

/** An entry of a page: a version, or a common prefix standing for every key under it. */
export type Entry = { version: ObjectVersion; prefix?: undefined } | { prefix: string; version?: undefined };

/** UTF-8 byte order, the order S3 lists keys in. */
export const compareKeys = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The `max-keys` parameter: a whole number from 0, 1000 at most (more is capped, as S3 does). */
export function maxKeys(value: string | null): number {
  if (value === null) return 1000;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number))
    throw errors.invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', value);
  return Math.min(number, 1000);
}

/** The `encoding-type` parameter: absent or `url` (the CLI always asks for `url`). */
export function encoder(value: string | null): (text: string) => string {
  if (value === null) return (text) => text;
  if (value !== 'url')
    throw errors.invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', value);
  return (text) => encodeURIComponent(text).replace(/%2F/g, '/');
}

/**
 * Pages through versions already in listing order: those `skip` accepts are left out, keys outside the
 * prefix too; with a delimiter, keys sharing the part up to it after the prefix collapse into one prefix.
 */
export function page(
  versions: ObjectVersion[],
  options: { prefix: string; delimiter: string; maxKeys: number; skip: (version: ObjectVersion) => boolean },
): { entries: Entry[]; truncated: boolean } {
  const entries: Entry[] = [];
  let lastPrefix: string | undefined;
  for (const version of versions) {
    if (!version.key.startsWith(options.prefix) || options.skip(version)) continue;
    const rest = version.key.slice(options.prefix.length);
    const cut = options.delimiter === '' ? -1 : rest.indexOf(options.delimiter);
    const prefix = cut < 0 ? undefined : options.prefix + rest.slice(0, cut + options.delimiter.length);
    if (prefix !== undefined && prefix === lastPrefix) continue;
    if (entries.length >= options.maxKeys) return { entries, truncated: options.maxKeys > 0 };
    if (prefix === undefined) entries.push({ version });
    else {
      entries.push({ prefix });
      lastPrefix = prefix;
    }
  }
  return { entries, truncated: false };
}

/** The one owner of everything here, as listings show it. */
export const owner: XmlNode = [
  'Owner',
  [
    ['ID', '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a'],
    ['DisplayName', 'local'],
  ],
];

/** A `<Contents>` element of ListObjects(V2). */
export function contents(version: ObjectVersion, encode: (text: string) => string, withOwner: boolean): XmlNode {
  return [
    'Contents',
    [
      ['Key', encode(version.key)],
      ['LastModified', version.lastModified],
      ['ETag', `"${version.etag}"`],
      ['ChecksumAlgorithm', version.checksum?.algorithm],
      ['Size', version.size],
      withOwner ? owner : ['Owner', undefined],
      ['StorageClass', 'STANDARD'],
    ],
  ];
}
