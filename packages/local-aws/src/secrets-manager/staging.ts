/**
 * Staging labels: each label sits on at most one version of a secret, and moving AWSCURRENT
 * always leaves AWSPREVIOUS on the version it came from, whichever operation moved it.
 */
import { AWSCURRENT, AWSPREVIOUS, type SecretRecord, type VersionRecord } from './records.ts';

const KEEP_VERSIONS = 100;
const KEEP_RECENT_MS = 24 * 60 * 60 * 1000;

/** The version carrying `label`, if any. */
export function holderOf(secret: SecretRecord, label: string): VersionRecord | undefined {
  return secret.versions.find((version) => version.stages.includes(label));
}

/** The version with this id, if any. */
export function versionById(secret: SecretRecord, versionId: string): VersionRecord | undefined {
  return secret.versions.find((version) => version.versionId === versionId);
}

/** Puts `label` on `target` (or takes it off every version when `target` is undefined). */
export function moveLabel(secret: SecretRecord, label: string, target: VersionRecord | undefined): void {
  const holder = holderOf(secret, label);
  if (holder === target) return;
  if (holder) holder.stages = holder.stages.filter((stage) => stage !== label);
  if (target) target.stages.push(label);
  if (label === AWSCURRENT && holder && target) moveLabel(secret, AWSPREVIOUS, holder);
}

/**
 * Drops deprecated (unlabelled) versions beyond the 100 most recent, sparing any created in the
 * last 24 hours, which is how AWS bounds a secret's history.
 */
export function pruneVersions(secret: SecretRecord, now: number): void {
  let excess = secret.versions.length - KEEP_VERSIONS;
  if (excess <= 0) return;
  secret.versions = secret.versions.filter((version) => {
    const removable = excess > 0 && version.stages.length === 0 && now - version.createdDate > KEEP_RECENT_MS;
    if (removable) excess -= 1;
    return !removable;
  });
}
