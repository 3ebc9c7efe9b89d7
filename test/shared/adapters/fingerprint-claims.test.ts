/** CT-12: a fingerprint is claimed by one account; a second account storing the same password at the same time loses. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A one-table stand-in that honours the one condition form a fingerprint write may carry. */
const items = new Map<string, Record<string, unknown>>();
const send = vi.fn(async (command: unknown) => {
  if (command instanceof GetCommand) return { Item: items.get(command.input.Key!.pk as string) };
  if (command instanceof PutCommand) {
    const item = command.input.Item!;
    const existing = items.get(item.pk as string);
    const condition = command.input.ConditionExpression;
    if (condition && existing) {
      const allowedOwner = command.input.ExpressionAttributeValues?.[':account'];
      if (!condition.includes('accountId = :account') || existing.accountId !== allowedOwner)
        throw new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });
    }
    items.set(item.pk as string, item);
    return {};
  }
  throw new Error('unexpected command');
});
vi.mock('../../../shared/adapters/clients.ts', () => ({ dynamo: () => ({ send }) }));
process.env.ACCOUNTS_TABLE ??= 'accounts';

const { fingerprintOwner, recordFingerprint } = await import('../../../shared/adapters/rotations.ts');

describe('recordFingerprint', () => {
  beforeEach(() => items.clear());

  it('refuses a fingerprint another account holds (CT-12), even when both checked before either wrote', async () => {
    expect(await fingerprintOwner('f1')).toBeUndefined();
    expect(await recordFingerprint('f1', 'account-a', 'v-a', '2026-01-01T00:00:00Z')).toBe(true);
    expect(await recordFingerprint('f1', 'account-b', 'v-b', '2026-01-01T00:00:00Z')).toBe(false);
    expect(await fingerprintOwner('f1')).toBe('account-a');
  });

  it('lets the holder record it again (a retry, or a new version of the same account)', async () => {
    await recordFingerprint('f1', 'account-a', 'v-1', '2026-01-01T00:00:00Z');
    expect(await recordFingerprint('f1', 'account-a', 'v-2', '2026-01-02T00:00:00Z')).toBe(true);
  });
});
