/**
 * Rotation bookkeeping driven by AWSCURRENT moving: a rotation RotateSecret started completes when
 * AWSCURRENT reaches the version it created (that sets LastRotatedDate), and while rotation is on,
 * any new current version restarts the schedule, since AWS counts a manual PutSecretValue or
 * UpdateSecret as a valid rotation for scheduling.
 */
import { AWSCURRENT, type SecretRecord } from './records.ts';
import { nextRotationDate } from './schedule.ts';
import { holderOf } from './staging.ts';

/** Applies `change` and does the bookkeeping if it moved AWSCURRENT. */
export function trackingCurrent(secret: SecretRecord, now: number, change: () => void): void {
  const before = holderOf(secret, AWSCURRENT);
  change();
  const after = holderOf(secret, AWSCURRENT);
  const rotation = secret.rotation;
  if (after === before || !rotation) return;
  if (rotation.pendingVersionId !== undefined && after?.versionId === rotation.pendingVersionId) {
    rotation.lastRotatedDate = now;
    delete rotation.pendingVersionId;
  }
  if (rotation.enabled && rotation.rules) rotation.nextRotationDate = nextRotationDate(rotation.rules, now);
}
