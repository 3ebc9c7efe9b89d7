/**
 * UpdateSecretVersionStage. A label attached elsewhere can only be moved by naming where it is
 * (RemoveFromVersionId), AWSCURRENT can be moved but never just removed, and moving AWSCURRENT
 * puts AWSPREVIOUS on the version it left.
 */
import { invalidParameter, secretValueNotFound } from '../errors.ts';
import type { Input } from '../model.ts';
import { AWSCURRENT, type SecretRecord, type VersionRecord } from '../records.ts';
import { trackingCurrent } from '../rotation-state.ts';
import { holderOf, moveLabel, pruneVersions, versionById } from '../staging.ts';
import type { Handler } from './context.ts';

/** Moves, adds or removes one label, after the same consistency checks as AWS. */
export const updateSecretVersionStage: Handler<Input<'UpdateSecretVersionStage'>> = (input, { store, now }) => {
  const secret = store.getActive(input.SecretId);
  const label = input.VersionStage;
  const target = input.MoveToVersionId === undefined ? undefined : existingVersion(secret, input.MoveToVersionId);
  const removeFrom =
    input.RemoveFromVersionId === undefined ? undefined : existingVersion(secret, input.RemoveFromVersionId);
  const holder = holderOf(secret, label);

  if (!target && !removeFrom) throw invalidParameter('You must specify MoveToVersionId, RemoveFromVersionId, or both.');
  if (!target && label === AWSCURRENT) {
    throw invalidParameter(
      `You can only move staging label ${AWSCURRENT} to a different secret version. It can't be completely removed.`,
    );
  }
  if (holder && holder !== target && !removeFrom) {
    throw invalidParameter(
      `The parameter RemoveFromVersionId can't be empty. Staging label ${label} is currently attached to ` +
        `version ${holder.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
    );
  }
  if (removeFrom && removeFrom !== holder) {
    throw invalidParameter(
      target
        ? `When you move staging label ${label}, if you specify RemoveFromVersionId, it must be set to the ` +
            `version that currently has the staging label ${label}.`
        : `Staging label ${label} is not attached to version ${removeFrom.versionId}.`,
    );
  }

  trackingCurrent(secret, now, () => moveLabel(secret, label, target));
  pruneVersions(secret, now);
  secret.lastChangedDate = now;
  return { output: { ARN: secret.arn, Name: secret.name }, mutated: true };
};

function existingVersion(secret: SecretRecord, versionId: string): VersionRecord {
  const version = versionById(secret, versionId);
  if (!version) throw secretValueNotFound('VersionId', versionId);
  return version;
}
