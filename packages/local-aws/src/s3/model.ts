/** The S3 stand-in's records: buckets and object versions as they are kept in memory and on disk. */
import type { Checksum } from './checksums.ts';

/** The two Object Lock retention modes. */
export type LockMode = 'GOVERNANCE' | 'COMPLIANCE';

/** A version's retention: its mode and the instant (ISO 8601) until which it holds. */
export interface Retention {
  mode: LockMode;
  retainUntil: string;
}

/** A bucket's default retention, applied to a put that carries none. */
export interface DefaultRetention {
  mode: LockMode;
  days?: number;
  years?: number;
}

/** A bucket; `versioning` is undefined until versioning was ever configured, as S3 reports it. */
export interface Bucket {
  name: string;
  createdAt: string;
  versioning?: 'Enabled' | 'Suspended';
  objectLock: boolean;
  defaultRetention?: DefaultRetention;
}

/** One version of a key, or a delete marker; `file` names it on disk, as `versionId` can be "null". */
export interface ObjectVersion {
  file: string;
  key: string;
  versionId: string;
  /** Order of writes within the bucket: the highest of a key is its current version. */
  seq: number;
  deleteMarker: boolean;
  lastModified: string;
  etag: string;
  size: number;
  /** The representation headers given at upload (content-type, cache-control, ...), answered on reads. */
  headers: Record<string, string>;
  /** The user metadata (`x-amz-meta-*`), by lower-cased name. */
  metadata: Record<string, string>;
  checksum?: Checksum;
  retention?: Retention;
  /** Undefined until a legal hold was ever set, as S3 then leaves the header out. */
  legalHold?: boolean;
}
