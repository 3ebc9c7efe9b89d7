/** CreateSecret, UpdateSecret, DeleteSecret and RestoreSecret. */
import { newSecretArn, parseSecretArn } from '../arn.ts';
import { invalidParameter, invalidRequest, markedForDeletion, resourceExists, secretNotFound } from '../errors.ts';
import type { Input } from '../model.ts';
import { AWSCURRENT, sameValue, type SecretRecord, type SecretValue } from '../records.ts';
import { trackingCurrent } from '../rotation-state.ts';
import { moveLabel, pruneVersions, versionById } from '../staging.ts';
import { seconds } from '../wire.ts';
import type { Handler, Result } from './context.ts';
import { newVersion, secretValueOf } from './new-version.ts';
import { mergeTags } from './tagging.ts';

const NAME = /^[A-Za-z0-9/_+=.@-]+$/;
const AWS_MANAGED_KEY = 'alias/aws/secretsmanager';
const DAY_MS = 24 * 60 * 60 * 1000;
const VERSION_EXISTS = "You can't modify an existing version, you can only create new versions.";

/** A new secret, with a first AWSCURRENT version when a value is given. */
export const createSecret: Handler<Input<'CreateSecret'>> = (input, { store, region, accountId, now }) => {
  if (!NAME.test(input.Name)) {
    throw invalidParameter(
      'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
    );
  }
  if (input.AddReplicaRegions)
    throw invalidRequest('Replication to other Regions is not supported by the local Secrets Manager.');
  const value = secretValueOf(input);
  const existing = store.byName(input.Name);
  if (existing) return retriedCreate(existing, input.ClientRequestToken, value);

  const version = value ? newVersion(input.ClientRequestToken, value, now) : undefined;
  version?.stages.push(AWSCURRENT);
  const secret: SecretRecord = {
    arn: newSecretArn(region, accountId, input.Name),
    name: input.Name,
    description: input.Description,
    kmsKeyId: customerKey(input.KmsKeyId),
    tags: mergeTags([], input.Tags ?? []),
    versions: version ? [version] : [],
    createdDate: now,
    lastChangedDate: now,
    creationToken: input.ClientRequestToken,
  };
  store.add(secret);
  return { output: { ARN: secret.arn, Name: secret.name, VersionId: version?.versionId }, mutated: true };
};

/** A CreateSecret for a taken name succeeds only as a retry: same ClientRequestToken, same value. */
function retriedCreate(existing: SecretRecord, token: string | undefined, value: SecretValue | undefined): Result {
  if (existing.deletedDate !== undefined) {
    throw invalidRequest(
      "You can't create this secret because a secret with this name is already scheduled for deletion.",
    );
  }
  if (token === undefined || token !== existing.creationToken) {
    throw resourceExists(`The operation failed because the secret ${existing.name} already exists.`);
  }
  const version = versionById(existing, token);
  const same = version && value ? sameValue(version, value) : !version && !value;
  if (!same) throw resourceExists(VERSION_EXISTS);
  return { output: { ARN: existing.arn, Name: existing.name, VersionId: version?.versionId }, mutated: false };
}

/** Metadata changes in place; a new value becomes a new AWSCURRENT version. */
export const updateSecret: Handler<Input<'UpdateSecret'>> = (input, { store, now }) => {
  const secret = store.getActive(input.SecretId);
  const value = secretValueOf(input);
  let versionId: string | undefined;
  if (value) {
    // Unlike PutSecretValue, the API reference makes any reuse of a version id an error here.
    if (input.ClientRequestToken !== undefined && versionById(secret, input.ClientRequestToken))
      throw resourceExists(VERSION_EXISTS);
    const version = newVersion(input.ClientRequestToken, value, now);
    secret.versions.push(version);
    trackingCurrent(secret, now, () => moveLabel(secret, AWSCURRENT, version));
    pruneVersions(secret, now);
    versionId = version.versionId;
  }
  if (input.Description !== undefined) secret.description = input.Description;
  if (input.KmsKeyId !== undefined) secret.kmsKeyId = customerKey(input.KmsKeyId);
  secret.lastChangedDate = now;
  return { output: { ARN: secret.arn, Name: secret.name, VersionId: versionId }, mutated: true };
};

/** Schedules deletion after a 7-30 day recovery window (30 by default), or deletes at once when forced. */
export const deleteSecret: Handler<Input<'DeleteSecret'>> = (input, { store, now }) => {
  const force = input.ForceDeleteWithoutRecovery === true;
  const window = input.RecoveryWindowInDays;
  if (force && window !== undefined) {
    throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  }
  if (window !== undefined && (window < 7 || window > 30)) {
    throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }
  const secret = store.find(input.SecretId);
  if (!secret) {
    if (!force) throw secretNotFound();
    // AWS documents that a forced deletion of a missing secret is not an error.
    const arn = parseSecretArn(input.SecretId);
    return {
      output: {
        ARN: arn ? input.SecretId : undefined,
        Name: arn?.resource ?? input.SecretId,
        DeletionDate: seconds(now),
      },
      mutated: false,
    };
  }
  if (force) {
    store.remove(secret);
    return { output: { ARN: secret.arn, Name: secret.name, DeletionDate: seconds(now) }, mutated: true };
  }
  if (secret.deletedDate !== undefined) throw markedForDeletion();
  secret.deletedDate = now;
  secret.deletionDate = now + (window ?? 30) * DAY_MS;
  secret.lastChangedDate = now;
  return { output: { ARN: secret.arn, Name: secret.name, DeletionDate: seconds(secret.deletionDate) }, mutated: true };
};

/** Cancels a scheduled deletion; restoring a secret that is not scheduled for deletion changes nothing. */
export const restoreSecret: Handler<Input<'RestoreSecret'>> = (input, { store, now }) => {
  const secret = store.get(input.SecretId);
  const scheduled = secret.deletedDate !== undefined;
  if (scheduled) {
    delete secret.deletedDate;
    delete secret.deletionDate;
    secret.lastChangedDate = now;
  }
  return { output: { ARN: secret.arn, Name: secret.name }, mutated: scheduled };
};

/** DescribeSecret omits KmsKeyId for the AWS managed key, and an empty KmsKeyId means that key. */
const customerKey = (kmsKeyId: string | undefined) => (kmsKeyId && kmsKeyId !== AWS_MANAGED_KEY ? kmsKeyId : undefined);
