/**
 * Account credentials in Secrets Manager: one secret per account, named
 * `official-accounts/accounts/<accountId>`, under the credentials KMS key where one is configured,
 * tagged with the account id (IAM conditions rely on the tag). Values are read and written only
 * here and returned to the caller; nothing from this module is ever logged.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  RotateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { Credential } from '../schemas/credentials.ts';
import { secrets } from './clients.ts';

export const credentialSecretName = (accountId: string) => `official-accounts/accounts/${accountId}`;

/**
 * Creates the (empty) secret that will hold the account's login, tagged with what it belongs to
 * and how often it must rotate. Idempotent: an existing secret is returned as is.
 */
export async function createCredentialSecret(input: {
  accountId: string;
  region: string;
  rotationIntervalDays: number;
}): Promise<string> {
  const name = credentialSecretName(input.accountId);
  const kmsKeyId = process.env.CREDENTIALS_KMS_KEY_ID;
  try {
    const created = await secrets().send(
      new CreateSecretCommand({
        Name: name,
        Description: `Login of official account ${input.accountId}; set by its designated administrator.`,
        ...(kmsKeyId ? { KmsKeyId: kmsKeyId } : {}),
        Tags: [
          { Key: 'official-accounts:account', Value: input.accountId },
          { Key: 'official-accounts:region', Value: input.region },
          { Key: 'official-accounts:rotation-days', Value: String(input.rotationIntervalDays) },
        ],
      }),
    );
    return created.ARN!;
  } catch (error) {
    if (!(error instanceof ResourceExistsException)) throw error;
    const existing = await secrets().send(new DescribeSecretCommand({ SecretId: name }));
    return existing.ARN!;
  }
}

export interface StoredVersion {
  credential: Credential;
  versionId: string;
}

/**
 * Our own staging label for the password waiting for a person to set it on the platform. Secrets
 * Manager's AWSPENDING must be gone when the rotation function ends, so the wait lives here.
 */
export const OA_PENDING = 'OA_PENDING';

/** The staging labels the credential secrets use. */
export type CredentialStage = 'AWSCURRENT' | 'AWSPENDING' | typeof OA_PENDING;

/**
 * JSON.parse quotes the start of its input in its error, which would put the beginning of a password
 * into a log; a value that is not JSON gets a fixed message and no cause.
 */
function parseCredential(value: string): Credential {
  try {
    return JSON.parse(value) as Credential;
  } catch {
    throw new Error('The stored credential is not valid JSON.');
  }
}

async function getVersion(
  accountId: string,
  select: { VersionStage: CredentialStage } | { VersionId: string },
): Promise<StoredVersion | undefined> {
  try {
    const { SecretString, VersionId } = await secrets().send(
      new GetSecretValueCommand({ SecretId: credentialSecretName(accountId), ...select }),
    );
    if (!SecretString || !VersionId) return undefined;
    return { credential: parseCredential(SecretString), versionId: VersionId };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** The version with `stage`, or undefined when no version carries it. */
export async function readCredential(accountId: string, stage: CredentialStage): Promise<StoredVersion | undefined> {
  return getVersion(accountId, { VersionStage: stage });
}

/** The version with this id, or undefined when it does not exist or holds no value yet (a rotation's placeholder). */
export async function readVersion(accountId: string, versionId: string): Promise<StoredVersion | undefined> {
  return getVersion(accountId, { VersionId: versionId });
}

/** Stores a version; `versionId` doubles as the idempotency token, so a retry writes nothing new. */
export async function writeCredential(
  accountId: string,
  credential: Credential,
  versionId: string,
  stages: CredentialStage | CredentialStage[],
): Promise<void> {
  await secrets().send(
    new PutSecretValueCommand({
      SecretId: credentialSecretName(accountId),
      ClientRequestToken: versionId,
      SecretString: JSON.stringify(credential),
      VersionStages: Array.isArray(stages) ? stages : [stages],
    }),
  );
}

/** Each version's staging labels, as DescribeSecret lists them. */
export async function versionStages(accountId: string): Promise<Record<string, string[]>> {
  const { VersionIdsToStages = {} } = await secrets().send(
    new DescribeSecretCommand({ SecretId: credentialSecretName(accountId) }),
  );
  return VersionIdsToStages;
}

/** The version holding `stage` in a DescribeSecret answer. */
export const holderOf = (stages: Record<string, string[]>, stage: CredentialStage): string | undefined =>
  Object.entries(stages).find(([, labels]) => labels.includes(stage))?.[0];

/** Takes `stage` off `versionId`; nothing to do when it is not there (a retry, or already moved). */
export async function removeStage(accountId: string, stage: CredentialStage, versionId: string): Promise<void> {
  await secrets()
    .send(
      new UpdateSecretVersionStageCommand({
        SecretId: credentialSecretName(accountId),
        VersionStage: stage,
        RemoveFromVersionId: versionId,
      }),
    )
    .catch((error: Error) => {
      // Not attached to that version (any more), or the version is gone: the label is not there.
      if (error.name !== 'InvalidParameterException' && error.name !== 'ResourceNotFoundException') throw error;
    });
}

/**
 * Ends the rotation function's part (finishSecret) in one of the two states Secrets Manager
 * requires: AWSPENDING on no version, or on AWSCURRENT's. The password waiting for a person keeps
 * OA_PENDING. Only this rotation's version: a later rotation's AWSPENDING is not ours to take.
 */
export async function releaseAwsPending(accountId: string, versionId: string): Promise<void> {
  const labels = (await versionStages(accountId))[versionId] ?? [];
  if (labels.includes('AWSPENDING') && !labels.includes('AWSCURRENT'))
    await removeStage(accountId, 'AWSPENDING', versionId);
}

/** A cancelled rotation's version keeps no pending label, so nobody can reveal or confirm it. */
export async function dropPending(accountId: string, versionId: string): Promise<void> {
  const labels = (await versionStages(accountId))[versionId] ?? [];
  if (labels.includes(OA_PENDING)) await removeStage(accountId, OA_PENDING, versionId);
  if (labels.includes('AWSPENDING') && !labels.includes('AWSCURRENT'))
    await removeStage(accountId, 'AWSPENDING', versionId);
}

/**
 * Confirmation: AWSCURRENT moves to the waiting version (Secrets Manager puts AWSPREVIOUS on the
 * one it left) and the pending labels come off. Safe to repeat.
 */
export async function promotePending(accountId: string, versionId: string): Promise<void> {
  const stages = await versionStages(accountId);
  const current = holderOf(stages, 'AWSCURRENT');
  if (current !== versionId) {
    await secrets().send(
      new UpdateSecretVersionStageCommand({
        SecretId: credentialSecretName(accountId),
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: versionId,
        ...(current ? { RemoveFromVersionId: current } : {}),
      }),
    );
  }
  const labels = stages[versionId] ?? [];
  if (labels.includes(OA_PENDING)) await removeStage(accountId, OA_PENDING, versionId);
  if (labels.includes('AWSPENDING')) await removeStage(accountId, 'AWSPENDING', versionId);
}

/** A new password from Secrets Manager's generator: long, every character class. */
export async function generatePassword(length: number): Promise<string> {
  const { RandomPassword } = await secrets().send(
    new GetRandomPasswordCommand({
      PasswordLength: length,
      RequireEachIncludedType: true,
      ExcludeCharacters: '"\'`\\ ',
    }),
  );
  return RandomPassword!;
}

/**
 * Starts a rotation through Secrets Manager, which invokes the rotation function
 * (functions/credentials/rotate-secret.ts). With `intervalDays` it also sets the schedule.
 */
export async function startRotation(
  accountId: string,
  options: { token?: string; intervalDays?: number; immediately: boolean },
): Promise<string> {
  const rotationFunctionArn = process.env.ROTATION_FUNCTION_ARN;
  const { VersionId } = await secrets().send(
    new RotateSecretCommand({
      SecretId: credentialSecretName(accountId),
      ...(options.token ? { ClientRequestToken: options.token } : {}),
      ...(rotationFunctionArn ? { RotationLambdaARN: rotationFunctionArn } : {}),
      ...(options.intervalDays ? { RotationRules: { AutomaticallyAfterDays: options.intervalDays } } : {}),
      RotateImmediately: options.immediately,
    }),
  );
  return VersionId ?? options.token ?? '';
}

/**
 * Whether a login is stored (a version holds AWSCURRENT), asked with DescribeSecret so that a
 * function that only needs to know it exists never holds GetSecretValue on any credential.
 */
export async function hasCurrentCredential(accountId: string): Promise<boolean> {
  try {
    return holderOf(await versionStages(accountId), 'AWSCURRENT') !== undefined;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/** Rotation schedule and dates as Secrets Manager records them. */
export async function describeCredential(accountId: string) {
  const description = await secrets().send(new DescribeSecretCommand({ SecretId: credentialSecretName(accountId) }));
  return {
    rotationEnabled: description.RotationEnabled ?? false,
    lastRotatedDate: description.LastRotatedDate?.toISOString(),
    nextRotationDate: description.NextRotationDate?.toISOString(),
    stages: description.VersionIdsToStages ?? {},
  };
}

/** The secret's name from the ARN Secrets Manager hands its rotation function. */
export async function secretNameOf(secretId: string): Promise<string> {
  const { Name } = await secrets().send(new DescribeSecretCommand({ SecretId: secretId }));
  return Name!;
}
