/**
 * The local runtime keeps its data under the data directory across restarts, stops cleanly on
 * SIGTERM/Ctrl-C (exit 0, endpoints.json removed), and `--fresh` starts over.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approvedAccount } from '../support/accounts.ts';
import { apiClient } from '../support/api.ts';
import { startRuntime } from '../support/runtime.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('restarts', () => {
  it('keeps accounts, secrets and the issuer key; stops cleanly; --fresh forgets', { timeout: 300_000 }, async () => {
    const first = await startRuntime({ name: 'restart', keepData: true });
    dirs.push(first.dataDir);
    const accountId = await approvedAccount(first.endpoints, { platform: 'facebook' });
    const oldToken = first.endpoints.tokens.director!;
    expect(await first.stop()).toBe(0);
    expect(existsSync(join(first.dataDir, 'endpoints.json'))).toBe(false);

    const second = await startRuntime({ name: 'restart', dataDir: first.dataDir });
    const api = apiClient(second.endpoints);
    const account = await api.get(`/accounts/${accountId}`, { token: oldToken });
    expect(account.status).toBe(200);
    expect(account.body.aboutText).toContain('Smoky Mountain');
    expect(
      (
        await api.put(`/accounts/${accountId}/credential`, {
          as: 'administrator',
          body: { username: 'u', password: 'Kept-Across-Restarts-1!' },
        })
      ).status,
    ).toBe(201);
    expect(await second.stop()).toBe(0);

    const third = await startRuntime({ name: 'restart', dataDir: first.dataDir });
    expect(
      (await apiClient(third.endpoints).get(`/accounts/${accountId}/credential`, { as: 'administrator' })).body
        .password,
    ).toBe('Kept-Across-Restarts-1!');
    expect(await third.stop()).toBe(0);

    const fresh = await startRuntime({ name: 'restart-fresh' });
    expect((await apiClient(fresh.endpoints).get(`/accounts/${accountId}`, { as: 'director' })).status).toBe(404);
    await fresh.stop();
  });
});
