/**
 * The mail dead-letter queue seals each message under its own id (AAD), refuses to seal with a missing
 * key, and one message it cannot open does not hold back the others.
 */
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const items = new Map<string, Record<string, unknown>>();
const sent: unknown[] = [];
let keyValue: string | undefined = 'k'.repeat(64);

const dynamoSend = vi.fn(async (command: unknown) => {
  if (command instanceof PutCommand) items.set(command.input.Item!.pk as string, { ...command.input.Item });
  else if (command instanceof QueryCommand) return { Items: [...items.values()] };
  else if (command instanceof DeleteCommand) items.delete(command.input.Key!.pk as string);
  else if (command instanceof UpdateCommand) {
    const item = items.get(command.input.Key!.pk as string)!;
    item.attempts = (item.attempts as number) + 1;
    item.lastError = command.input.ExpressionAttributeValues![':e'];
  }
  return {};
});
vi.mock('../../../shared/adapters/clients.ts', () => ({
  dynamo: () => ({ send: dynamoSend }),
  secrets: () => ({ send: async () => ({ SecretString: keyValue }) }),
  email: () => ({ send: async (command: unknown) => void sent.push(command) }),
}));
process.env.OUTBOX_TABLE ??= 'outbox';
process.env.HMAC_KEY_SECRET_ID ??= 'hmac';
process.env.MAIL_SEALING_KEY_SECRET_ID ??= 'sealing';
process.env.SENDER_ADDRESS ??= 'no-reply@example.gov';
process.env.MAIL_CONFIGURATION_SET ??= 'official-accounts-test';

const sealed = await import('../../../shared/adapters/sealed.ts');
const { enqueueUndelivered } = await import('../../../shared/adapters/outbox.ts');
const { redeliverMail } = await import('../../../shared/services/mail-redelivery.ts');

const message = (n: number) => ({ kind: 'test', to: [`p${n}@example.gov`], subject: `s${n}`, text: 't', html: 'h' });

describe('sealed', () => {
  beforeEach(() => {
    keyValue = 'k'.repeat(64);
    sealed.forgetSealingKey();
  });

  it('opens a value only under the id it was sealed for', async () => {
    const value = await sealed.seal('secret link', 'MAIL#one');
    expect(await sealed.unseal(value, 'MAIL#one')).toBe('secret link');
    await expect(sealed.unseal(value, 'MAIL#two')).rejects.toThrow();
  });

  it('fails closed when the key secret has no value', async () => {
    keyValue = undefined;
    await expect(sealed.seal('secret link', 'MAIL#one')).rejects.toThrow(/no value/);
  });
});

describe('redeliverMail', () => {
  beforeEach(() => {
    items.clear();
    sent.length = 0;
    keyValue = 'k'.repeat(64);
    sealed.forgetSealingKey();
  });

  it('sends the messages it can open when another cannot be opened, and leaves that one queued', async () => {
    await enqueueUndelivered(message(1), 'x', 5, '2026-01-01T00:00:00Z');
    const broken = await enqueueUndelivered(message(2), 'x', 5, '2026-01-01T00:00:01Z');
    await enqueueUndelivered(message(3), 'x', 5, '2026-01-01T00:00:02Z');
    const brokenItem = items.get(`MAIL#${broken}`)!;
    brokenItem.sealed = `${(brokenItem.sealed as string).slice(0, -4)}AAAA`;

    const result = await redeliverMail();
    expect(sent).toHaveLength(2);
    // Through the configuration set, so SES reports bounces and complaints of redelivered mail too (issue 19.1).
    for (const command of sent as Array<{ input: { ConfigurationSetName?: string } }>)
      expect(command.input.ConfigurationSetName).toBe('official-accounts-test');
    expect(result).toEqual({ delivered: 2, stillUndelivered: 1 });
    expect([...items.keys()]).toEqual([`MAIL#${broken}`]);
    expect(items.get(`MAIL#${broken}`)!.lastError).toMatch(/cannot be opened/);
  });
});
