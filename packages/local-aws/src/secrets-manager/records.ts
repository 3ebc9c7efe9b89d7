/**
 * What the emulator keeps per secret: the in-memory state and, as is, the persisted file's
 * content. Times are epoch milliseconds; the wire converts them to epoch seconds.
 */
import type { RotationRules } from './model.ts';

/** The staging labels the service itself moves; any other label is the caller's. */
export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';
export const AWSPENDING = 'AWSPENDING';

/** A tag in its wire form, so it round-trips unchanged. */
export interface Tag {
  Key: string;
  Value: string;
}

/** One version; a version with neither value is the placeholder RotateSecret creates for AWSPENDING. */
export interface VersionRecord {
  versionId: string;
  secretString?: string;
  /** Base64, as on the wire. */
  secretBinary?: string;
  /** No labels means deprecated: kept, listed only with IncludeDeprecated, eventually pruned. */
  stages: string[];
  createdDate: number;
  lastAccessedDate?: number;
}

/** Present once RotateSecret has been called; CancelRotateSecret only disables it. */
export interface RotationRecord {
  enabled: boolean;
  lambdaArn?: string;
  rules?: RotationRules;
  lastRotatedDate?: number;
  nextRotationDate?: number;
  /** The version a started rotation is building; the rotation completes when AWSCURRENT reaches it. */
  pendingVersionId?: string;
}

/** One secret, active or scheduled for deletion. */
export interface SecretRecord {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags: Tag[];
  /** In creation order. */
  versions: VersionRecord[];
  createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  /** When DeleteSecret was called; set while the secret is scheduled for deletion. */
  deletedDate?: number;
  /** When the recovery window ends and the secret is gone for good. */
  deletionDate?: number;
  /** The CreateSecret token, so a retried CreateSecret answers instead of failing. */
  creationToken?: string;
  rotation?: RotationRecord;
}

/** The value a request carries, in stored form. */
export interface SecretValue {
  secretString?: string;
  secretBinary?: string;
}

/** True when a version holds a value (the rotation placeholder does not). */
export const hasValue = (version: VersionRecord): boolean =>
  version.secretString !== undefined || version.secretBinary !== undefined;

/** Same value in the sense of the ClientRequestToken idempotency rule: same text, or same bytes. */
export function sameValue(version: VersionRecord, value: SecretValue): boolean {
  if (version.secretString !== undefined || value.secretString !== undefined)
    return version.secretString === value.secretString;
  if (version.secretBinary === undefined || value.secretBinary === undefined)
    return version.secretBinary === value.secretBinary;
  return Buffer.from(version.secretBinary, 'base64').equals(Buffer.from(value.secretBinary, 'base64'));
}
