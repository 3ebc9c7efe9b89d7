/**
 * CT-12 claims on a login's user id and password (table `accounts`), keyed hashes only: pk
 * FINGERPRINT#<hmac> for a password (the item rotations.ts's recordFingerprint writes too) and pk
 * USERID#<hmac> for a user id, each naming the account that uses or used it. Both are claimed in
 * one transaction, each on condition that no other account holds it, so of two logins stored at once
 * with a part in common only one is stored, and a refused login leaves no claim behind.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import { dynamo } from './clients.ts';
import { cancellationCodes, conditionFailedAt } from './items.ts';

export type LoginPart = 'username' | 'password';

/** The keyed hashes of the parts to claim. */
export type LoginFingerprints = Partial<Record<LoginPart, string>>;

const keys: Record<LoginPart, (fingerprint: string) => { pk: string; sk: string; type: string }> = {
  password: (fingerprint) => ({ pk: `FINGERPRINT#${fingerprint}`, sk: 'FINGERPRINT', type: 'password-fingerprint' }),
  username: (fingerprint) => ({ pk: `USERID#${fingerprint}`, sk: 'USERID', type: 'user-id-fingerprint' }),
};

/**
 * Claims the parts for `accountId`; resolves with the parts another account holds, in which case
 * nothing was written (empty when all are claimed). The holder may claim its own parts again.
 */
export async function claimLogin(
  fingerprints: LoginFingerprints,
  accountId: string,
  versionId: string,
  at: string,
): Promise<LoginPart[]> {
  const parts = (Object.keys(fingerprints) as LoginPart[]).filter((part) => fingerprints[part]);
  if (parts.length === 0) return [];
  const items = {
    TransactItems: parts.map((part) => ({
      Put: {
        TableName: tableName('accounts'),
        Item: { ...keys[part](fingerprints[part]!), accountId, versionId, recordedAt: at },
        ConditionExpression: 'attribute_not_exists(pk) OR accountId = :account',
        ExpressionAttributeValues: { ':account': accountId },
      },
    })),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await dynamo().send(new TransactWriteCommand(items));
      return [];
    } catch (error) {
      const held = parts.filter((_, index) => conditionFailedAt(error, index));
      if (held.length > 0) return held;
      // Cancelled by a transaction on the same claims in flight: the next attempt sees its outcome.
      if (cancellationCodes(error).length === 0 || attempt === 3) throw error;
    }
  }
}
