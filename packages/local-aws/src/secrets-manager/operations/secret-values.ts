/** GetSecretValue, PutSecretValue and ListSecretVersionIds. */
import { invalidParameter, invalidRequest, resourceExists, secretValueNotFound } from '../errors.ts';
import type { Input } from '../model.ts';
import { AWSCURRENT, hasValue, sameValue, type SecretRecord, type VersionRecord } from '../records.ts';
import { trackingCurrent } from '../rotation-state.ts';
import { holderOf, moveLabel, pruneVersions, versionById } from '../staging.ts';
import { paginate } from '../pagination.ts';
import { accessDay, valueOutput, versionEntry } from '../wire.ts';
import type { Handler } from './context.ts';
import { newVersion, secretValueOf } from './new-version.ts';

/** By VersionId, by VersionStage, or AWSCURRENT; both given must name the same version. */
export const getSecretValue: Handler<Input<'GetSecretValue'>> = (input, { store, now }) => {
  const secret = store.getActive(input.SecretId);
  const version = selectVersion(secret, input.VersionId, input.VersionStage);
  const day = accessDay(now);
  const mutated = secret.lastAccessedDate !== day || version.lastAccessedDate !== day;
  secret.lastAccessedDate = day;
  version.lastAccessedDate = day;
  return { output: valueOutput(secret, version), mutated };
};

function selectVersion(secret: SecretRecord, versionId: string | undefined, stage: string | undefined): VersionRecord {
  if (versionId !== undefined) {
    const version = versionById(secret, versionId);
    if (!version || !hasValue(version)) throw secretValueNotFound('VersionId', versionId);
    if (stage !== undefined && !version.stages.includes(stage)) {
      throw invalidRequest('You provided a VersionStage that is not associated to the provided VersionId.');
    }
    return version;
  }
  const label = stage ?? AWSCURRENT;
  const version = holderOf(secret, label);
  if (!version || !hasValue(version)) throw secretValueNotFound('staging label', label);
  return version;
}

/**
 * A new version under ClientRequestToken, labelled VersionStages (AWSCURRENT by default). Reusing
 * a token with the same value does nothing; with another value it is ResourceExistsException.
 * The one exception is the empty version RotateSecret leaves under AWSPENDING for the rotation
 * function to fill.
 */
export const putSecretValue: Handler<Input<'PutSecretValue'>> = (input, { store, now }) => {
  const secret = store.getActive(input.SecretId);
  const value = secretValueOf(input);
  if (!value) throw invalidParameter('You must provide either SecretString or SecretBinary.');
  const labels = [...new Set(input.VersionStages ?? [AWSCURRENT])];
  const existing = input.ClientRequestToken === undefined ? undefined : versionById(secret, input.ClientRequestToken);
  if (existing && hasValue(existing)) {
    if (!sameValue(existing, value))
      throw resourceExists("You can't modify an existing version, you can only create new versions.");
    return { output: putOutput(secret, existing), mutated: false };
  }

  const version = existing ?? newVersion(input.ClientRequestToken, undefined, now);
  Object.assign(version, value);
  if (!existing) secret.versions.push(version);
  // A secret's first version becomes current whatever labels were asked for.
  if (!holderOf(secret, AWSCURRENT) && !labels.includes(AWSCURRENT)) labels.push(AWSCURRENT);
  trackingCurrent(secret, now, () => {
    for (const label of labels) moveLabel(secret, label, version);
  });
  pruneVersions(secret, now);
  secret.lastChangedDate = now;
  return { output: putOutput(secret, version), mutated: true };
};

const putOutput = (secret: SecretRecord, version: VersionRecord) => ({
  ARN: secret.arn,
  Name: secret.name,
  VersionId: version.versionId,
  VersionStages: [...version.stages],
});

/** Labelled versions in creation order; deprecated ones only with IncludeDeprecated. */
export const listSecretVersionIds: Handler<Input<'ListSecretVersionIds'>> = (input, { store }) => {
  const secret = store.get(input.SecretId);
  const versions = secret.versions.filter((version) => input.IncludeDeprecated === true || version.stages.length > 0);
  const { page, nextToken } = paginate(versions, input.MaxResults, input.NextToken, 100);
  return {
    output: { Versions: page.map(versionEntry), NextToken: nextToken, ARN: secret.arn, Name: secret.name },
    mutated: false,
  };
};
