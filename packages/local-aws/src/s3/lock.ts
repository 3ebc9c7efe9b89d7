/**
 * S3 Object Lock's rules, which make the audit digests write-once: a version under COMPLIANCE retention
 * cannot be deleted, nor its retention shortened or removed, by anyone until the date passes; GOVERNANCE
 * yields only to `x-amz-bypass-governance-retention: true`; a legal hold blocks deletion until lifted.
 */
import { errors } from './errors.ts';
import type { Bucket, DefaultRetention, LockMode, ObjectVersion, Retention } from './model.ts';

const modes: readonly string[] = ['GOVERNANCE', 'COMPLIANCE'];

/** A retention mode from a header or document; anything else is S3's InvalidArgument. */
export function lockMode(value: string): LockMode {
  if (!modes.includes(value)) throw errors.invalidArgument('Unknown wormMode directive.', 'ObjectLockMode', value);
  return value as LockMode;
}

/** A retain-until date, which must be ISO 8601 and in the future. */
export function retainUntil(value: string, now: number): string {
  const instant = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(instant))
    throw errors.invalidArgument('The retain until date must be provided in ISO 8601 format', 'RetainUntilDate', value);
  if (instant <= now) throw errors.invalidArgument('The retain until date must be in the future!');
  return new Date(instant).toISOString();
}

/** A legal hold status, ON or OFF. */
export function legalHoldStatus(value: string): boolean {
  if (value !== 'ON' && value !== 'OFF') throw errors.invalidArgument("Legal Hold must be either of 'ON' or 'OFF'");
  return value === 'ON';
}

/** A bucket's default retention: a mode and exactly one positive whole number of Days or Years. */
export function defaultRetention(mode: string | undefined, days?: string, years?: string): DefaultRetention {
  if (mode === undefined || (days === undefined) === (years === undefined)) throw errors.malformedXml();
  const amount = Number(days ?? years);
  if (!Number.isInteger(amount) || amount <= 0)
    throw errors.invalidArgument('Default retention period must be a positive integer value.');
  return days === undefined ? { mode: lockMode(mode), years: amount } : { mode: lockMode(mode), days: amount };
}

/** The retention a default gives a version written at `now` (years as calendar years). */
export function retentionFromDefault(rule: DefaultRetention, now: number): Retention {
  const until = new Date(now);
  if (rule.years !== undefined) until.setUTCFullYear(until.getUTCFullYear() + rule.years);
  else until.setTime(now + (rule.days ?? 0) * 86_400_000);
  return { mode: rule.mode, retainUntil: until.toISOString() };
}

/** The lock settings of a PutObject, from its headers, with the bucket's default when it sets no retention. */
export function lockForPut(
  bucket: Bucket,
  headers: { mode?: string; until?: string; legalHold?: string },
  now: number,
): { retention?: Retention; legalHold?: boolean; explicit: boolean } {
  const explicit = headers.mode !== undefined || headers.until !== undefined || headers.legalHold !== undefined;
  if (explicit && !bucket.objectLock) throw errors.missingLockConfiguration();
  if ((headers.mode === undefined) !== (headers.until === undefined))
    throw errors.invalidArgument(
      'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied',
    );
  const legalHold = headers.legalHold === undefined ? undefined : legalHoldStatus(headers.legalHold);
  if (headers.mode !== undefined && headers.until !== undefined)
    return {
      retention: { mode: lockMode(headers.mode), retainUntil: retainUntil(headers.until, now) },
      legalHold,
      explicit,
    };
  const rule = bucket.defaultRetention;
  return { retention: rule ? retentionFromDefault(rule, now) : undefined, legalHold, explicit };
}

const active = (retention: Retention | undefined, now: number): retention is Retention =>
  retention !== undefined && Date.parse(retention.retainUntil) > now;

/** Refuses deleting a version that is on legal hold or under retention that has not expired (and is not bypassed). */
export function checkDeletable(version: ObjectVersion, bypassGovernance: boolean, now: number): void {
  if (version.legalHold) throw errors.lockedVersion();
  const retention = version.retention;
  if (!active(retention, now)) return;
  if (retention.mode === 'COMPLIANCE' || !bypassGovernance) throw errors.lockedVersion();
}

/**
 * Refuses a retention change that would alter an active lock other than by extending it in the same mode:
 * COMPLIANCE never; GOVERNANCE (shortened, removed, or its mode changed) only with the bypass header.
 */
export function checkRetentionChange(
  current: Retention | undefined,
  next: Retention | undefined,
  bypassGovernance: boolean,
  now: number,
): void {
  if (!active(current, now)) return;
  const weakens =
    next === undefined || Date.parse(next.retainUntil) < Date.parse(current.retainUntil) || next.mode !== current.mode;
  if (!weakens) return;
  if (current.mode === 'COMPLIANCE' || !bypassGovernance) throw errors.lockedVersion();
}
