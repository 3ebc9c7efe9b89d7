/**
 * Account credentials in Secrets Manager: one secret per account, named
 * `official-accounts/accounts/<accountId>`, under the credentials KMS key where one is configured.
 * Values are read and written only here; nothing returned from this module is ever logged.
 */
import { CreateSecretCommand, ResourceExistsException, DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { secrets } from './clients.ts';

export const credentialSecretName = (accountId: string) => `official-accounts/accounts/${accountId}`;

/**
 * Creates the (empty) secret that will hold the account's login, tagged with what it belongs to
 * and how often it must rotate. Idempotent: an existing secret is returned as is.
 */
export async function createCredentialSecret(input: { accountId: string; region: string; rotationIntervalDays: number }): Promise<string> {
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
