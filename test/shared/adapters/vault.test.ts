import { describe, expect, it, vi } from 'vitest';

const send = vi.fn();
vi.mock('../../../shared/adapters/clients.ts', () => ({ secrets: () => ({ send }) }));

const { readCredential } = await import('../../../shared/adapters/vault.ts');

describe('readCredential', () => {
  it('refuses a value that is not JSON without quoting any of it', async () => {
    send.mockResolvedValueOnce({ SecretString: 'hunter2-not-json', VersionId: 'v1' });
    const error = await readCredential('acct-1', 'AWSCURRENT').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain('hunter');
    expect(JSON.stringify(error)).not.toContain('hunter');
    expect(String((error as Error).cause ?? '')).not.toContain('hunter');
  });
});
