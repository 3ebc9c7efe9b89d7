/**
 * Records in their response shapes. awsJson1_1 sends timestamps as epoch seconds (fractions
 * allowed), and the service leaves out members that have no value.
 */
import type { SecretRecord, VersionRecord } from './records.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Epoch milliseconds as awsJson1_1 epoch seconds. */
export const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

/** LastAccessedDate only has day resolution in AWS. */
export const accessDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/** The labelled versions and their labels; deprecated versions are left out, as AWS does. */
export function versionsToStages(secret: SecretRecord): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const version of secret.versions) if (version.stages.length > 0) map[version.versionId] = [...version.stages];
  return map;
}

/** The members DescribeSecret and ListSecrets share. */
function metadata(secret: SecretRecord): Record<string, unknown> {
  const rotation = secret.rotation;
  // AWS reports no last or next rotation while rotation is off, but keeps showing the old rules.
  const active = rotation?.enabled === true;
  return {
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description || undefined,
    KmsKeyId: secret.kmsKeyId,
    RotationEnabled: rotation?.enabled,
    RotationLambdaARN: rotation?.lambdaArn,
    RotationRules: rotation?.rules,
    LastRotatedDate: active ? seconds(rotation.lastRotatedDate) : undefined,
    LastChangedDate: seconds(secret.lastChangedDate),
    LastAccessedDate: seconds(secret.lastAccessedDate),
    DeletedDate: seconds(secret.deletedDate),
    NextRotationDate: active ? seconds(rotation.nextRotationDate) : undefined,
    Tags: secret.tags.length > 0 ? secret.tags : undefined,
  };
}

/** DescribeSecret's response. */
export const describeOutput = (secret: SecretRecord): Record<string, unknown> => ({
  ...metadata(secret),
  VersionIdsToStages: versionsToStages(secret),
  CreatedDate: seconds(secret.createdDate),
});

/** One entry of ListSecrets' SecretList; the stages map has a different name there. */
export const listEntry = (secret: SecretRecord): Record<string, unknown> => ({
  ...metadata(secret),
  SecretVersionsToStages: versionsToStages(secret),
  CreatedDate: seconds(secret.createdDate),
});

/** GetSecretValue's response. */
export const valueOutput = (secret: SecretRecord, version: VersionRecord): Record<string, unknown> => ({
  ARN: secret.arn,
  Name: secret.name,
  VersionId: version.versionId,
  SecretBinary: version.secretBinary,
  SecretString: version.secretString,
  VersionStages: [...version.stages],
  CreatedDate: seconds(version.createdDate),
});

/** One entry of ListSecretVersionIds' Versions. */
export const versionEntry = (version: VersionRecord): Record<string, unknown> => ({
  VersionId: version.versionId,
  VersionStages: version.stages.length > 0 ? [...version.stages] : undefined,
  LastAccessedDate: seconds(version.lastAccessedDate),
  CreatedDate: seconds(version.createdDate),
});
