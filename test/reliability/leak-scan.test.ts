/**
 * The leak scan: the system's life end to end with a known password and the approval tokens it
 * mails out, then a search of everything it wrote outside the secret store: the runtime's log,
 * every email, every execution and its history, every DynamoDB item and every file it persisted.
 * Passwords, 2FA secrets, recovery codes, the HMAC key and bearer tokens must appear nowhere; an
 * approval token only in the one email that carries it. An SES outage puts an approval email in
 * the dead-letter queue on the way, so the queue is searched while it holds the token too.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, approvalLinkIn, mailbox, poll, waitForEmail, type Email } from '../support/api.ts';
import { scanForSecrets } from '../support/leaks.ts';
import { repositoryRoot, startRuntime, type TestRuntime } from '../support/runtime.ts';
import { dynamoClient } from '../support/tables.ts';

const run = promisify(execFile);

/** The known test secrets: distinctive, so a hit cannot be a coincidence. */
const knownPassword = 'Leak-Canary-Password-7f3c1e9a-!';
const twoFactorSecret = 'LEAKCANARYTOTPSECRET7F3C1E9A';
const recoveryCodes = ['leak-canary-recovery-0001', 'leak-canary-recovery-0002'];

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
const secrets: Record<string, string> = {};
/** The dead-letter queue's items, as they were while it held an approval email. */
let queuedWhileSesDown = '';

beforeAll(async () => {
  runtime = await startRuntime({ name: 'leak-scan' });
  api = apiClient(runtime.endpoints);
}, 180_000);
afterAll(() => runtime?.stop());

const expectStatus = async <T extends { status: number; body?: unknown; text?: string }>(
  response: Promise<T>,
  status: number,
): Promise<T> => {
  const settled = await response;
  expect(settled.status, JSON.stringify(settled.body ?? settled.text)).toBe(status);
  return settled;
};

/** Files a request as the director and returns the approval email it produced. */
async function fileRequest(platform: string): Promise<{ requestId: string; email: () => Promise<Email> }> {
  const { body } = await expectStatus(
    api.post('/account-requests', {
      as: 'director',
      body: {
        platform,
        purpose: 'client-contact',
        region: 'smoky-mountain',
        administratorId: 'stf-administrator',
        backupAdministratorId: 'stf-backup-administrator',
      },
    }),
    202,
  );
  const requestId = body.requestId as string;
  return {
    requestId,
    email: () =>
      waitForEmail(
        runtime.endpoints,
        (e) => (e.body.text ?? '').includes(`Request: ${requestId}`) && e.subject.startsWith('Approve'),
        30_000,
      ),
  };
}

/** Follows the emailed link as the approver's browser does: opens the page, then posts the form. */
async function decide(email: Email, decision: 'approve' | 'reject'): Promise<void> {
  const link = approvalLinkIn(email);
  const page = await fetch(`${runtime.endpoints.api}${link.pathname}${link.search}`);
  expect(page.status).toBe(200);
  await expectStatus(
    api.form(link.pathname, { token: link.searchParams.get('token')!, decision, comment: `leak scan: ${decision}` }),
    200,
  );
}

/** Waits for a rotation's pending password, records it as a secret, and confirms it. */
async function rotate(accountId: string, rotationId: string, name: string): Promise<void> {
  secrets[name] = await poll(`the pending password of ${rotationId}`, async () => {
    const response = await api.get(`/accounts/${accountId}/credential?version=pending`, { as: 'administrator' });
    return response.status === 200 ? (response.body.password as string) : undefined;
  });
  await expectStatus(api.post(`/accounts/${accountId}/rotations/${rotationId}/confirm`, { as: 'administrator' }), 200);
}

describe('leak scan', () => {
  it('runs the system end to end: approvals from the mailbox, a login, reveals, rotations, an incident, a departure, an SES outage', async () => {
    // An account approved from Communications' email; its login stored with the known password.
    const first = await fileRequest('facebook');
    await decide(await first.email(), 'approve');
    const accountId = await poll(
      'the account',
      async () =>
        (await api.get(`/account-requests/${first.requestId}`, { as: 'director' })).body.accountId as
          | string
          | undefined,
      30_000,
    );
    Object.assign(secrets, {
      knownPassword,
      twoFactorSecret,
      recoveryCode1: recoveryCodes[0]!,
      recoveryCode2: recoveryCodes[1]!,
    });
    await expectStatus(
      api.put(`/accounts/${accountId}/credential`, {
        as: 'administrator',
        body: { username: 'dcs.smoky', password: knownPassword, twoFactorSecret, recoveryCodes },
      }),
      201,
    );

    // Reveals by everyone allowed: grant holders, a supervisor (with a grant under tn-dcs, TN-07, issue
    // 17.2), the administrators.
    for (const staffId of ['stf-staff', 'stf-staff2', 'stf-supervisor'])
      await expectStatus(api.post(`/accounts/${accountId}/grants`, { as: 'director', body: { staffId } }), 201);
    for (const as of ['staff', 'staff2', 'supervisor', 'administrator'])
      expect((await api.get(`/accounts/${accountId}/credential`, { as })).body.password).toBe(knownPassword);
    await expectStatus(api.get(`/accounts/${accountId}/credential`, { as: 'staff3' }), 403);

    // A rotation on demand, and one a compromise starts (NJ-05).
    const { body: rotation } = await expectStatus(
      api.post(`/accounts/${accountId}/rotations`, { as: 'administrator', body: { reason: 'leak scan' } }),
      202,
    );
    await rotate(accountId, rotation.rotationId, 'rotatedPassword');
    const { body: incident } = await expectStatus(
      api.post('/incidents', {
        as: 'staff',
        body: {
          accountId,
          type: 'account-compromise',
          description: 'leak scan: someone else posted',
          observedAt: new Date(Date.now() - 60_000).toISOString(),
        },
      }),
      202,
    );
    const compromiseRotation = await poll(
      'the compromise rotation',
      async () =>
        (await api.get(`/incidents/${incident.incidentId}`, { as: 'director' })).body.rotationId as string | undefined,
      30_000,
    );
    await rotate(accountId, compromiseRotation, 'compromisePassword');
    expect((await api.get(`/accounts/${accountId}/credential`, { as: 'staff' })).body.password).toBe(
      secrets.compromisePassword,
    );

    // Contacts, with what a case system sends.
    await expectStatus(
      api.post('/contacts', {
        as: 'caseSystem',
        headers: { 'idempotency-key': 'leak-scan-1' },
        body: {
          caseId: 'case-leak',
          accountId,
          workerId: 'stf-staff',
          workerName: 'Sky Caseworker',
          workerContact: { email: 'sky.caseworker@agency.example' },
          recipient: { handle: 'facebook.com/leak', verified: true },
          channel: 'private-message',
          direction: 'outbound',
          purpose: 'diligent-search',
          messageKind: 'conversation',
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
        },
      }),
      201,
    );

    // A departure in bad standing: access removed, then every password the person could see changes.
    const { body: departure } = await expectStatus(
      api.post('/departures', {
        as: 'hr',
        body: { staffId: 'stf-staff2', standing: 'bad', departedAt: new Date().toISOString() },
      }),
      202,
    );
    await expectStatus(
      api.post(`/departures/${departure.departureId}/email-access-removed`, { as: 'itDirector' }),
      202,
    );
    const departureRotation = await poll(
      'the departure rotation',
      async () =>
        (await api.get(`/departures/${departure.departureId}`, { as: 'hr' })).body.rotations?.[0]?.rotationId as
          | string
          | undefined,
      30_000,
    );
    await rotate(accountId, departureRotation, 'departurePassword');

    // SES down while a second request is filed: its approval email waits, sealed, in the dead-letter queue.
    await fetch(`${runtime.endpoints.control}/ses/stop`, { method: 'POST' });
    let second: Awaited<ReturnType<typeof fileRequest>>;
    try {
      second = await fileRequest('instagram');
      queuedWhileSesDown = await poll(
        'the approval email in the dead-letter queue',
        async () => {
          const client = dynamoClient(runtime.endpoints);
          const { Items = [] } = await client.send(new ScanCommand({ TableName: 'MailOutbox' }));
          client.destroy();
          const approvalEmail = Items.some(
            (item) => /^approval-/.test(item.kind?.S ?? '') && item.kind?.S !== 'approval-escalation-notice',
          );
          return approvalEmail ? JSON.stringify(Items) : undefined;
        },
        30_000,
      );
    } finally {
      await fetch(`${runtime.endpoints.control}/ses/start`, { method: 'POST' });
    }
    await run(process.execPath, ['local/run-schedule.ts', 'mailRedelivery', '--data-dir', runtime.dataDir], {
      cwd: repositoryRoot,
    });
    await decide(await second.email(), 'reject');
    await poll(
      'the rejection',
      async () =>
        (await api.get(`/account-requests/${second.requestId}`, { as: 'director' })).body.status === 'rejected',
    );
  });

  it('finds the passwords, 2FA secret, recovery codes, HMAC key and bearer tokens nowhere, and each approval token only in its own email', async () => {
    const client = new SecretsManagerClient({
      endpoint: runtime.endpoints.aws.secretsmanager,
      region: runtime.endpoints.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const hmacKey = (await client.send(new GetSecretValueCommand({ SecretId: 'official-accounts/hmac-key' })))
      .SecretString!;
    client.destroy();
    const bearerTokens = Object.fromEntries(
      Object.entries(runtime.endpoints.tokens).map(([persona, token]) => [`bearer token of ${persona}`, token]),
    );

    // Every approval token the system mailed, and the email it came in.
    const emails = await mailbox(runtime.endpoints);
    const approvalTokens = new Map<string, number[]>();
    emails.forEach((email, index) => {
      for (const match of (email.body.text ?? '').matchAll(
        /\/approvals\/apv_[A-Za-z0-9_-]{22}\?token=([A-Za-z0-9_-]{43})/g,
      ))
        approvalTokens.set(match[1]!, [...(approvalTokens.get(match[1]!) ?? []), index]);
    });
    expect(approvalTokens.size, 'approval tokens mailed').toBeGreaterThanOrEqual(2);
    const tokenNeedles = Object.fromEntries(
      [...approvalTokens.keys()].map((token, n) => [`approval token ${n}`, token]),
    );

    // A control the scan must find in every kind of place it searches, or a clean result means nothing.
    const accountId = (await api.get('/accounts', { as: 'director' })).body.items[0].accountId as string;
    const controlHits = (await scanForSecrets(runtime, { control: accountId }, { persistedFiles: true })).map(
      (hit) => hit.where,
    );
    for (const place of [
      /^runtime log$/,
      /^email #/,
      /^execution /,
      /^history of /,
      /^Accounts item /,
      /^Audit item /,
      /^file dynamodb\//,
      /^file stepfunctions\//,
    ]) {
      expect(
        controlHits.some((where) => place.test(where)),
        `the scan reaches ${place}`,
      ).toBe(true);
    }

    const needles = { ...secrets, hmacKey, ...bearerTokens, ...tokenNeedles };
    const hits = await scanForSecrets(runtime, needles, { persistedFiles: true });
    const ownEmail = (needle: string) => {
      const token = tokenNeedles[needle];
      return token ? approvalTokens.get(token)!.map((index) => `email #${index} `) : [];
    };
    const leaks = hits.filter((hit) => !ownEmail(hit.needle).some((prefix) => hit.where.startsWith(prefix)));
    expect(leaks).toEqual([]);
    for (const [token, indexes] of approvalTokens) {
      expect(indexes, 'an approval token is mailed once').toHaveLength(1);
      const name = Object.entries(tokenNeedles).find(([, value]) => value === token)![0];
      expect(
        hits.filter((hit) => hit.needle === name).map((hit) => hit.where),
        `${name} appears only in its own email`,
      ).toEqual([expect.stringMatching(new RegExp(`^email #${indexes[0]} `))]);
    }
    // The dead-letter queue held an approval email: sealed, so none of its tokens is readable there.
    for (const token of approvalTokens.keys()) expect(queuedWhileSesDown.includes(token)).toBe(false);
    console.log(
      `leak scan: ${Object.keys(needles).length} secrets (${Object.keys(secrets).length} passwords and 2FA values, ${approvalTokens.size} approval tokens, ${Object.keys(bearerTokens).length} bearer tokens, the HMAC key) → 0 leaks; approval tokens only in their own email`,
    );
  });
});
