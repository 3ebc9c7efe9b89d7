/**
 * The vault, grants, audited reveals and human-in-the-loop rotation on tn-dcs: who may reveal what
 * (TN-07, TN-09; a supervisor only with a grant, NJ-05 being New Jersey's), every reveal audited
 * (CT-10), a rotation end to end with the old password current until the administrator confirms,
 * and the password nowhere but the secret store.
 */
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient, poll, waitForEmail } from '../support/api.ts';
import { findLeaks } from '../support/leaks.ts';
import { repositoryRoot, startRuntime, type TestRuntime } from '../support/runtime.ts';

const run = promisify(execFile);
const initialPassword = 'Initial-Test-Password-7f3c!Qz';
const twoFactorSecret = 'JBSWY3DPEHPK3PXP-test-2fa';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let accountId: string;
let pendingPassword = '';

beforeAll(async () => {
  runtime = await startRuntime({ name: 'credentials' });
  api = apiClient(runtime.endpoints);
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
});
afterAll(() => runtime?.stop());

const reveal = (as: string, version?: string) =>
  api.get(`/accounts/${accountId}/credential${version ? `?version=${version}` : ''}`, { as });
const holder = (stages: Record<string, string[]>, label: string) =>
  Object.entries(stages).find(([, labels]) => labels.includes(label))?.[0];
const describeSecret = async () => {
  const client = new SecretsManagerClient({
    endpoint: runtime.endpoints.aws.secretsmanager,
    region: runtime.endpoints.region,
    credentials: { accessKeyId: 't', secretAccessKey: 't' },
  });
  const description = await client.send(
    new DescribeSecretCommand({ SecretId: `official-accounts/accounts/${accountId}` }),
  );
  client.destroy();
  return description;
};

describe('storing the login (TN-05)', () => {
  it('only the designated or back-up administrator stores it, once', async () => {
    const body = {
      username: 'dcs.smoky.region',
      password: initialPassword,
      twoFactorSecret,
      recoveryCodes: ['rc-1111', 'rc-2222'],
    };
    expect((await api.put(`/accounts/${accountId}/credential`, { as: 'staff', body })).status).toBe(403);
    expect(
      (
        await api.put(`/accounts/${accountId}/credential`, {
          as: 'administrator',
          body: { ...body, password: 'short' },
        })
      ).status,
    ).toBe(400);
    const stored = await api.put(`/accounts/${accountId}/credential`, { as: 'administrator', body });
    expect(stored.status).toBe(201);
    expect(stored.text).not.toContain(initialPassword);
    expect((await api.put(`/accounts/${accountId}/credential`, { as: 'backupAdministrator', body })).status).toBe(409);
  });

  it('TN-09: turns on the monthly rotation schedule in Secrets Manager', async () => {
    const secret = await describeSecret();
    expect(secret.RotationEnabled).toBe(true);
    expect(secret.RotationRules?.AutomaticallyAfterDays).toBe(30);
    expect(secret.NextRotationDate).toBeInstanceOf(Date);
  });
});

describe('who may reveal it', () => {
  it('TN-07: a caseworker without a grant is refused, naming the rule', async () => {
    const response = await reveal('staff');
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('TN-07');
    expect(response.text).not.toContain(initialPassword);
  });

  it("TN-07: a director of another region may not grant; the region's director may", async () => {
    expect(
      (await api.post(`/accounts/${accountId}/grants`, { as: 'otherDirector', body: { staffId: 'stf-staff' } })).status,
    ).toBe(403);
    expect(
      (await api.post(`/accounts/${accountId}/grants`, { as: 'director', body: { staffId: 'stf-other-director' } }))
        .body.error.code,
    ).toBe('TN-07');
    expect((await grant(runtime.endpoints, accountId, 'stf-staff')).status).toBe(201);
  });

  it('a grant holder sees username and password, but not the 2FA secret or recovery codes', async () => {
    const { status, body, headers } = await reveal('staff');
    expect(status).toBe(200);
    expect(body).toEqual({
      username: 'dcs.smoky.region',
      password: initialPassword,
      versionId: expect.any(String),
      stage: 'current',
    });
    expect(headers.get('cache-control')).toBe('no-store');
  });

  it('TN-05: the designated administrators hold the 2FA secret and recovery codes', async () => {
    const { body } = await reveal('backupAdministrator');
    expect(body).toMatchObject({ twoFactorSecret, recoveryCodes: ['rc-1111', 'rc-2222'] });
    expect((await reveal('director')).body.twoFactorSecret).toBeUndefined();
  });

  it("TN-07: under tn-dcs a supervisor needs a director's grant like anyone (NJ-05 is New Jersey's, issue 17.2)", async () => {
    const refused = await reveal('supervisor');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('TN-07');
    expect(refused.text).not.toContain(initialPassword);
    expect((await grant(runtime.endpoints, accountId, 'stf-supervisor')).status).toBe(201);
    const granted = await reveal('supervisor');
    expect(granted.status).toBe(200);
    expect(granted.body.password).toBe(initialPassword);
    // Revoked again: the rotation below then shows that tn-dcs tells supervisors nothing as supervisors.
    expect((await api.delete(`/accounts/${accountId}/grants/stf-supervisor`, { as: 'director' })).status).toBe(204);
    expect((await reveal('supervisor')).status).toBe(403);
  });

  it('refuses staff of other grants, and a revoked or expired grant stops working by itself (NJ-09)', async () => {
    expect((await reveal('staff2')).status).toBe(403);
    expect(
      (
        await grant(runtime.endpoints, accountId, 'stf-staff2', {
          expiresAt: new Date(Date.now() + 1500).toISOString(),
        })
      ).status,
    ).toBe(201);
    expect((await reveal('staff2')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1800));
    expect((await reveal('staff2')).status).toBe(403);
    expect((await api.get(`/accounts/${accountId}/grants`, { as: 'director' })).body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ staffId: 'stf-staff2', active: false }),
        expect.objectContaining({ staffId: 'stf-staff', active: true }),
      ]),
    );
    expect((await grant(runtime.endpoints, accountId, 'stf-staff3')).status).toBe(201);
    expect((await api.delete(`/accounts/${accountId}/grants/stf-staff3`, { as: 'director' })).status).toBe(204);
    expect((await reveal('staff3')).status).toBe(403);
    expect((await api.delete(`/accounts/${accountId}/grants/stf-staff3`, { as: 'director' })).status).toBe(404);
  });

  it('CT-10: every reveal and refusal is in the audit trail with who, when, which version and from where', async () => {
    const { status, body } = await api.get(`/accounts/${accountId}/audit`, { as: 'director' });
    expect(status).toBe(200);
    const reveals = body.items.filter((e: { action: string }) => e.action === 'credential.revealed');
    expect(reveals.length).toBeGreaterThanOrEqual(5);
    // Newest first (issue 19.3): the first reveal of the test is the last entry.
    expect(reveals.at(-1)).toMatchObject({
      actorId: 'stf-staff',
      at: expect.any(String),
      details: { versionId: expect.any(String), stage: 'current', as: 'grant-holder', sourceIp: expect.any(String) },
    });
    expect(
      body.items.some(
        (e: { action: string; actorId: string }) => e.action === 'credential.refused' && e.actorId === 'stf-staff2',
      ),
    ).toBe(true);
    expect((await api.get(`/accounts/${accountId}/audit`, { as: 'staff' })).status).toBe(403);
    // Who reads the trail is CT-10's too: a director of another region is refused citing it.
    const elsewhere = await api.get(`/accounts/${accountId}/audit`, { as: 'otherDirector' });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('CT-10');
  });
});

describe('TN-09: a rotation end to end', () => {
  let rotationId: string;

  it('only the designated administrators start one; it is held as pending with a task email and no password', async () => {
    expect((await api.post(`/accounts/${accountId}/rotations`, { as: 'staff', body: {} })).status).toBe(403);
    const started = await api.post(`/accounts/${accountId}/rotations`, {
      as: 'administrator',
      body: { reason: 'monthly, early' },
    });
    expect(started.status).toBe(202);
    rotationId = started.body.rotationId;
    expect((await api.post(`/accounts/${accountId}/rotations`, { as: 'backupAdministrator', body: {} })).status).toBe(
      409,
    );
    const task = await waitForEmail(
      runtime.endpoints,
      (e) => e.subject.startsWith('Change the password') && e.destination.to.includes('administrator@agency.example'),
    );
    expect(task.destination.to).toEqual(
      expect.arrayContaining(['administrator@agency.example', 'backupadministrator@agency.example']),
    );
    expect(task.body.text).toContain(`/rotations/${rotationId}/confirm`);
    expect(task.body.text).not.toContain(initialPassword);
  });

  it('the pending password is for the designated administrators only; the old one stays current', async () => {
    const pending = await poll('the pending password', async () => {
      const response = await reveal('administrator', 'pending');
      return response.status === 200 ? response.body : undefined;
    });
    pendingPassword = pending.password;
    expect(pending).toMatchObject({ username: 'dcs.smoky.region', versionId: rotationId, stage: 'pending' });
    expect(pendingPassword).toHaveLength(32);
    for (const characterClass of [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/])
      expect(pendingPassword).toMatch(characterClass);
    expect((await reveal('staff', 'pending')).body.error.code).toBe('TN-09');
    expect((await reveal('director', 'pending')).status).toBe(403);
    expect((await reveal('staff')).body.password).toBe(initialPassword);
    // Issue 22: once the rotation function has finished, the password waits under our own label alone, so
    // AWSPENDING dangles on no version and Secrets Manager accepts the next RotateSecret.
    const labels = await poll('the rotation function to finish', async () => {
      const stages = (await describeSecret()).VersionIdsToStages ?? {};
      return Object.values(stages).some((l) => l.includes('AWSPENDING')) ? undefined : stages;
    });
    expect(labels[rotationId]).toEqual(['OA_PENDING']);
  });

  it('only the designated administrators confirm; then the new password is current everywhere', async () => {
    expect((await api.post(`/accounts/${accountId}/rotations/${rotationId}/confirm`, { as: 'director' })).status).toBe(
      403,
    );
    const confirmed = await api.post(`/accounts/${accountId}/rotations/${rotationId}/confirm`, {
      as: 'backupAdministrator',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ rotationId, status: 'confirmed', confirmedBy: 'stf-backup-administrator' });
    expect(confirmed.text).not.toContain(pendingPassword);
    expect((await reveal('staff')).body).toMatchObject({ password: pendingPassword, versionId: rotationId });
    expect((await reveal('administrator', 'pending')).status).toBe(404);
    const secret = await describeSecret();
    expect(secret.LastRotatedDate).toBeInstanceOf(Date);
    expect(secret.VersionIdsToStages?.[rotationId]).toEqual(['AWSCURRENT']);
    const account = (await api.get(`/accounts/${accountId}`, { as: 'director' })).body;
    expect(account.lastRotatedAt).toEqual(expect.any(String));
    expect(Date.parse(account.nextRotationDue) - Date.parse(account.lastRotatedAt)).toBe(30 * 86_400_000);
    // Confirming again changes nothing and says the same.
    expect(
      (await api.post(`/accounts/${accountId}/rotations/${rotationId}/confirm`, { as: 'administrator' })).body.status,
    ).toBe('confirmed');
  });

  it('grant holders and administrators are told it changed, with no password in the email', async () => {
    const notice = await waitForEmail(runtime.endpoints, (e) => e.subject.startsWith('Password changed'));
    expect(notice.destination.to).toEqual(
      expect.arrayContaining(['staff@agency.example', 'administrator@agency.example', 'director@agency.example']),
    );
    expect(notice.destination.to).not.toContain('staff2@agency.example'); // expired grant
    // Not NJ-05: under tn-dcs a supervisor without a grant is not told.
    expect(notice.destination.to).not.toContain('supervisor@agency.example');
    expect(JSON.stringify(notice)).not.toContain(pendingPassword);
  });

  it('the monthly schedule can be run on demand: a month later the next change starts by itself', async () => {
    const asOf = new Date(Date.now() + 31 * 86_400_000).toISOString();
    const { stdout } = await run(
      process.execPath,
      ['local/rotate-due.ts', '--as-of', asOf, '--data-dir', runtime.dataDir],
      { cwd: repositoryRoot },
    );
    expect(stdout).toContain(`official-accounts/accounts/${accountId}`);
    await waitForEmail(
      runtime.endpoints,
      (e) => e.subject.startsWith('Change the password') && (e.body.text ?? '').includes('the scheduled change'),
    );
  });

  it('issue 22: the schedule running again while that change waits is accepted, and the waiting change covers it', async () => {
    const waiting = await poll('the scheduled change to wait under OA_PENDING', async () => {
      const stages = (await describeSecret()).VersionIdsToStages ?? {};
      return Object.values(stages).some((l) => l.includes('AWSPENDING')) ? undefined : holder(stages, 'OA_PENDING');
    });
    const password = (await reveal('administrator', 'pending')).body.password;
    const asOf = new Date(Date.now() + 31 * 86_400_000).toISOString();
    const { stdout } = await run(
      process.execPath,
      ['local/rotate-due.ts', '--as-of', asOf, '--data-dir', runtime.dataDir],
      { cwd: repositoryRoot },
    );
    // RotateSecret met no dangling AWSPENDING, so the run started; the rotation function then found the waiting one.
    expect(stdout).toContain(`official-accounts/accounts/${accountId}`);
    const covered = await poll('the scheduled run to be recorded', async () => {
      const { body } = await api.get(`/accounts/${accountId}/audit`, { as: 'director' });
      return body.items.find((e: { action: string }) => e.action === 'rotation.schedule-covered');
    });
    expect(covered.details).toMatchObject({ waitingRotationId: waiting });
    const labels = await poll('the scheduled run to finish', async () => {
      const stages = (await describeSecret()).VersionIdsToStages ?? {};
      return Object.values(stages).some((l) => l.includes('AWSPENDING')) ? undefined : stages;
    });
    expect(labels[waiting!]).toEqual(['OA_PENDING']);
    expect((await reveal('administrator', 'pending')).body).toMatchObject({ password, versionId: waiting });
  });
});

describe('leak scan', () => {
  it('the passwords appear nowhere but the secret store: logs, emails, executions, DynamoDB items', async () => {
    const scheduled = await poll('the scheduled pending password', async () => {
      const response = await reveal('administrator', 'pending');
      return response.status === 200 ? (response.body.password as string) : undefined;
    });
    expect(await findLeaks(runtime, [initialPassword, pendingPassword, scheduled, twoFactorSecret])).toEqual([]);
  });
});
