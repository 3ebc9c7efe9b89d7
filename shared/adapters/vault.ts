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

/** The version with `stage`, or undefined when no version carries it. */
export async function readCredential(
  accountId: string,
  stage: 'AWSCURRENT' | 'AWSPENDING',
): Promise<StoredVersion | undefined> {
  try {
    const { SecretString, VersionId } = await secrets().send(
      new GetSecretValueCommand({ SecretId: credentialSecretName(accountId), VersionStage: stage }),
    );
    if (!SecretString || !VersionId) return undefined;
    return { credential: JSON.parse(SecretString) as Credential, versionId: VersionId };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Stores a version; `versionId` doubles as the idempotency token, so a retry writes nothing new. */
export async function writeCredential(
  accountId: string,
  credential: Credential,
  versionId: string,
  stage: 'AWSCURRENT' | 'AWSPENDING',
): Promise<void> {
  await secrets().send(
    new PutSecretValueCommand({
      SecretId: credentialSecretName(accountId),
      ClientRequestToken: versionId,
      SecretString: JSON.stringify(credential),
      VersionStages: [stage],
    }),
  );
}

/** Moves AWSCURRENT to the pending version and clears AWSPENDING: the change is done. */
export async function promotePending(accountId: string, versionId: string): Promise<void> {
  const secretId = credentialSecretName(accountId);
  const { VersionIdsToStages = {} } = await secrets().send(new DescribeSecretCommand({ SecretId: secretId }));
  const current = Object.entries(VersionIdsToStages).find(([, stages]) => stages.includes('AWSCURRENT'))?.[0];
  if (current !== versionId) {
    await secrets().send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: versionId,
        ...(current ? { RemoveFromVersionId: current } : {}),
      }),
    );
  }
  if (VersionIdsToStages[versionId]?.includes('AWSPENDING') || current !== versionId) {
    await secrets()
      .send(
        new UpdateSecretVersionStageCommand({
          SecretId: secretId,
          VersionStage: 'AWSPENDING',
          RemoveFromVersionId: versionId,
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'InvalidParameterException') throw error;
      });
  }
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
