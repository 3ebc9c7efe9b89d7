/**
 * Issue 21: a tamper-evident audit trail. Reveals write chained entries through the API; the sealing
 * job signs each chain's head with the KMS stand-in's key into the S3 stand-in's Object Lock bucket;
 * `npm run verify-audit -- --local` walks it. Tampering is done as an attacker with table or bucket
 * access would: directly in DynamoDB Local and the S3 stand-in.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectRetentionCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../shared/tables.ts';
import { approvedAccount } from '../support/accounts.ts';
import { apiClient } from '../support/api.ts';
import { repositoryRoot, startRuntime, type TestRuntime } from '../support/runtime.ts';
import { dynamoClient } from '../support/tables.ts';

const run = promisify(execFile);
let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let accountId: string;
let table: DynamoDBDocumentClient;
let bucket: S3Client;
const Bucket = 'official-accounts-audit-digests';
const chain = () => `ACCOUNT#${accountId}`;
const digestKey = (seq: number) => `digests/${encodeURIComponent(chain())}/${String(seq).padStart(12, '0')}.json`;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'audit-trail' });
  api = apiClient(runtime.endpoints);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.aws.dynamodb,
    AWS_ENDPOINT_URL_KMS: runtime.endpoints.aws.kms,
    AWS_ENDPOINT_URL_S3: runtime.endpoints.aws.s3,
    AUDIT_DIGEST_BUCKET: Bucket,
    AWS_REGION: runtime.endpoints.region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    POLICY_PROFILE: 'tn-dcs',
    AUDIT_SIGNING_KEY_ID: 'alias/official-accounts-audit-digests',
    ...Object.fromEntries(Object.values(tables).map((t) => [t.envVar, t.logicalId])),
  });
  table = DynamoDBDocumentClient.from(dynamoClient(runtime.endpoints));
  bucket = new S3Client({
    endpoint: runtime.endpoints.aws.s3,
    region: runtime.endpoints.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    forcePathStyle: true,
  });
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
  const stored = await api.put(`/accounts/${accountId}/credential`, {
    as: 'administrator',
    body: {
      username: 'dcs.audit.chain',
      password: 'correct-horse-battery-staple-42!',
      twoFactorSecret: 'JBSWY3DPEHPK3PXP',
      recoveryCodes: ['rc-1'],
    },
  });
  expect(stored.status).toBe(201);
}, 180_000);
afterAll(async () => {
  bucket?.destroy();
  await runtime?.stop();
});

/** The CLI as an auditor runs it. */
async function verifyCli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['tools/verify-audit.ts', '--local', '--data-dir', runtime.dataDir],
      {
        cwd: repositoryRoot,
      },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

async function seal(): Promise<void> {
  await run(process.execPath, ['local/run-schedule.ts', 'auditSeal', '--data-dir', runtime.dataDir], {
    cwd: repositoryRoot,
  });
}

async function entries(): Promise<Record<string, unknown>[]> {
  const { chainItems } = await import('../../shared/adapters/audit-chains.ts');
  return chainItems(chain());
}

describe('hash-chained audit entries (issue 21.1)', () => {
  it('200 concurrent reveals on one account leave one unbroken chain', { timeout: 300_000 }, async () => {
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => api.get(`/accounts/${accountId}/credential`, { as: 'administrator' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(200));
    const items = await entries();
    expect(items.filter((item) => item.action === 'credential.revealed')).toHaveLength(200);
    expect(items.map((item) => item.seq)).toEqual(items.map((_, index) => index + 1));
    const { checkChain } = await import('../../shared/domain/audit-chain.ts');
    const { chainHead } = await import('../../shared/adapters/audit-chains.ts');
    expect(checkChain(chain(), items as never, await chainHead(chain()))).toBeUndefined();
  });
});

describe('npm run verify-audit -- --local (issue 21.3)', () => {
  it('an intact, sealed trail verifies', { timeout: 120_000 }, async () => {
    await seal();
    const result = await verifyCli();
    expect(result.out).toMatch(/^INTACT/);
    expect(result.code).toBe(0);
  });

  it('sealing again with no new entry adds no digest; the head is sealed (issue 21.2)', async () => {
    const { digestsOf, isSealed } = await import('../../shared/adapters/audit-digests.ts');
    const { chainHead } = await import('../../shared/adapters/audit-chains.ts');
    const before = await digestsOf(chain());
    expect(before.tampering).toEqual([]);
    await seal();
    expect(await digestsOf(chain())).toEqual(before);
    const head = (await chainHead(chain()))!;
    expect(before.digests.at(-1)?.seq).toBe(head.seq);
    expect(await isSealed(chain(), head.seq)).toBe(true);
    expect(await isSealed(chain(), head.seq + 1)).toBe(false);
  });

  it('changing any attribute of a stored entry is named', { timeout: 300_000 }, async () => {
    const { verifyAuditTrail } = await import('../../shared/services/audit-verification.ts');
    const target = (await entries())[5]!;
    const key = { pk: target.pk, sk: target.sk };
    for (const attribute of Object.keys(target).filter((name) => name !== 'pk' && name !== 'sk')) {
      const value = target[attribute];
      const altered =
        typeof value === 'number' ? value + 1000 : typeof value === 'string' ? `${value}x` : { changed: true };
      const changed = { ...target, [attribute]: altered };
      await table.send(new PutCommand({ TableName: 'Audit', Item: changed }));
      const report = await verifyAuditTrail();
      expect(report.problem, attribute).toBeDefined();
      expect(report.problem?.chain, attribute).toBe(chain());
      await table.send(new PutCommand({ TableName: 'Audit', Item: target }));
    }
    const { Item } = await table.send(new GetCommand({ TableName: 'Audit', Key: key }));
    await table.send(new PutCommand({ TableName: 'Audit', Item: { ...Item, actorId: 'stf-someone-else' } }));
    const cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`chain ${chain()}, entry ${target.seq} (pk ${target.pk}, sk ${target.sk})`);
    expect(cli.out).toContain('altered');
    await table.send(new PutCommand({ TableName: 'Audit', Item: target }));
    expect((await verifyCli()).code).toBe(0);
  });

  it('deleting an entry is named as missing', { timeout: 120_000 }, async () => {
    const target = (await entries())[10]!;
    await table.send(new DeleteCommand({ TableName: 'Audit', Key: { pk: target.pk, sk: target.sk } }));
    const cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`chain ${chain()}, entry ${target.seq}`);
    expect(cli.out).toContain('missing');
    await table.send(new PutCommand({ TableName: 'Audit', Item: target }));
    expect((await verifyCli()).code).toBe(0);
  });

  it('inserting an entry is named, with or without chain attributes', { timeout: 120_000 }, async () => {
    const model = (await entries())[3]!;
    const forged: Record<string, unknown> = { ...model, sk: `${model.at}#forged`, actorId: 'stf-nobody' };
    await table.send(new PutCommand({ TableName: 'Audit', Item: forged }));
    let cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`chain ${chain()}, entry ${model.seq}`);
    expect(cli.out).toContain('inserted');
    await table.send(new DeleteCommand({ TableName: 'Audit', Key: { pk: forged.pk, sk: forged.sk } }));
    const bare: Record<string, string> = {
      pk: chain(),
      sk: `${model.at}#bare`,
      subject: chain(),
      action: 'credential.revealed',
      actorId: 'x',
    };
    await table.send(new PutCommand({ TableName: 'Audit', Item: bare }));
    cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`(pk ${bare.pk}, sk ${bare.sk})`);
    expect(cli.out).toContain('no chain holds');
    await table.send(new DeleteCommand({ TableName: 'Audit', Key: { pk: bare.pk, sk: bare.sk } }));
    expect((await verifyCli()).code).toBe(0);
  });

  it('a digest whose signature does not verify is reported, and so is a chain sealed but gone', {
    timeout: 120_000,
  }, async () => {
    const { canonicalJson } = await import('../../shared/domain/audit-chain.ts');
    const sealed = await sealedHeadDigest();
    const second = (await entries())[1]!;
    // The head's signature over a statement of entry 2: a digest no one signed.
    const statement = { ...JSON.parse(sealed.digest.document), seq: second.seq, hash: second.hash };
    const forged = { ...sealed.digest, seq: second.seq, document: canonicalJson(statement) };
    const put = await putBriefly(digestKey(second.seq as number), JSON.stringify(forged));
    let cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`chain ${chain()}, entry ${second.seq}`);
    expect(cli.out).toContain('signature does not verify');
    await removeWhenUnlocked(digestKey(second.seq as number), put);
    expect((await verifyCli()).code).toBe(0);

    const ghost = 'ACCOUNT#acc_deleted_whole';
    const ghostKey = `digests/${encodeURIComponent(ghost)}/000000000001.json`;
    const orphan = await putBriefly(ghostKey, JSON.stringify({ ...sealed.digest, chain: ghost }));
    cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`chain ${ghost}, entry 0: missing: the chain was sealed but has no head`);
    await removeWhenUnlocked(ghostKey, orphan);
    expect((await verifyCli()).code).toBe(0);
  });
});

describe('the digest bucket: S3 Object Lock in compliance mode (issue 21.2)', () => {
  it("a sealed digest is kept for the profile's audit retention: no one can delete it or shorten that (CT-06)", async () => {
    const { key, versionId, digest } = await sealedHeadDigest();
    const retention = await bucket.send(new GetObjectRetentionCommand({ Bucket, Key: key, VersionId: versionId }));
    expect(retention.Retention?.Mode).toBe('COMPLIANCE');
    // tn-dcs keeps audit records 7 years.
    const expected = Date.parse(digest.sealedAt) + 7 * 365 * 86_400_000;
    expect(Math.abs(retention.Retention!.RetainUntilDate!.getTime() - expected)).toBeLessThan(1000);
    await expect(
      bucket.send(new DeleteObjectCommand({ Bucket, Key: key, VersionId: versionId })),
    ).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      bucket.send(
        new PutObjectRetentionCommand({
          Bucket,
          Key: key,
          VersionId: versionId,
          Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + 86_400_000) },
        }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    const { Body } = await bucket.send(new GetObjectCommand({ Bucket, Key: key, VersionId: versionId }));
    expect(JSON.parse(await Body!.transformToString())).toEqual(digest);
  });

  it('a version written over a digest, or a delete marker hiding it, is named; the sealed one still counts', {
    timeout: 120_000,
  }, async () => {
    const { key, digest } = await sealedHeadDigest();
    const signature = Buffer.from(digest.signature, 'base64');
    signature[signature.length - 1]! ^= 1;
    const over = await putBriefly(key, JSON.stringify({ ...digest, signature: signature.toString('base64') }));
    let cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`chain ${chain()}, entry ${digest.seq}: its digest was written over 1 time(s)`);
    await removeWhenUnlocked(key, over);
    expect((await verifyCli()).code).toBe(0);

    // Object Lock lets a delete without a version id through: it adds a marker and keeps the version.
    const marker = await bucket.send(new DeleteObjectCommand({ Bucket, Key: key }));
    expect(marker.DeleteMarker).toBe(true);
    cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`chain ${chain()}, entry ${digest.seq}: its digest is hidden by a delete marker`);
    await bucket.send(new DeleteObjectCommand({ Bucket, Key: key, VersionId: marker.VersionId }));
    expect((await verifyCli()).code).toBe(0);
  });
});

/** The sealed digest of the chain's head: its key, its (first) version and its content. */
async function sealedHeadDigest() {
  const { digestsOf } = await import('../../shared/adapters/audit-digests.ts');
  const digest = (await digestsOf(chain())).digests.at(-1)!;
  const key = digestKey(digest.seq);
  const { Versions = [] } = await bucket.send(new ListObjectVersionsCommand({ Bucket, Prefix: key }));
  return { key, versionId: Versions.at(-1)!.VersionId!, digest };
}

/** Puts `body` as a principal with s3:PutObject could, locked in compliance mode for two seconds only. */
async function putBriefly(key: string, body: string): Promise<{ versionId: string; until: Date }> {
  const until = new Date(Date.now() + 2000);
  const { VersionId } = await bucket.send(
    new PutObjectCommand({
      Bucket,
      Key: key,
      Body: body,
      ObjectLockMode: 'COMPLIANCE',
      ObjectLockRetainUntilDate: until,
      ChecksumAlgorithm: 'SHA256',
    }),
  );
  return { versionId: VersionId!, until };
}

/** Deletes a version put by putBriefly once its retention has passed: only then does S3 allow it. */
async function removeWhenUnlocked(key: string, put: { versionId: string; until: Date }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, put.until.getTime() - Date.now()) + 200));
  await bucket.send(new DeleteObjectCommand({ Bucket, Key: key, VersionId: put.versionId }));
}

describe('npm run adopt-audit: entries written before the chains existed (issue 21, upgrading)', () => {
  /** The command as an operator runs it after upgrading. */
  async function adoptCli(...args: string[]): Promise<{ code: number; out: string }> {
    try {
      const { stdout } = await run(
        process.execPath,
        ['tools/adopt-audit.ts', '--local', '--data-dir', runtime.dataDir, ...args],
        { cwd: repositoryRoot },
      );
      return { code: 0, out: stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout + failed.stderr };
    }
  }

  it('chains them after the chain head, attested by an entry naming each, once; the trail then verifies', {
    timeout: 180_000,
  }, async () => {
    // Version 1 wrote entries with no chain attributes: three about the account, one about a person.
    const legacy = [
      { pk: chain(), sk: '2026-01-05T09:00:00.000Z#v1a', subject: chain(), action: 'credential.revealed' },
      { pk: chain(), sk: '2026-01-04T09:00:00.000Z#v1b', subject: chain(), action: 'grant.approved' },
      { pk: chain(), sk: '2026-01-06T09:00:00.000Z#v1c', subject: chain(), action: 'credential.stored' },
      { pk: 'STAFF#stf-legacy', sk: '2026-01-03T09:00:00.000Z#v1d', subject: 'STAFF#stf-legacy', action: 'x' },
    ].map((item) => ({ ...item, actorId: 'stf-v1', at: item.sk.slice(0, 24), gsi1pk: 'ACTOR#stf-v1' }));
    for (const item of legacy) await table.send(new PutCommand({ TableName: 'Audit', Item: item }));
    const before = await verifyCli();
    expect(before.code).toBe(1);
    expect(before.out).toContain('no chain holds');

    const dry = await adoptCli('--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('would adopt 4 entries into 2 chains');
    expect((await verifyCli()).code).toBe(1);

    const head = (await (await import('../../shared/adapters/audit-chains.ts')).chainHead(chain()))!;
    const adopted = await adoptCli();
    expect(adopted.out).toContain('adopted 4 entries into 2 chains');
    expect(adopted.code).toBe(0);
    const after = await verifyCli();
    expect(after.out).toMatch(/^INTACT/);
    expect(after.code).toBe(0);

    // Oldest first, after what the chain held, then the entry that attests them.
    const linked = (await entries()).filter((item) => (item.seq as number) > head.seq);
    expect(linked.map((item) => item.sk)).toEqual([
      '2026-01-04T09:00:00.000Z#v1b',
      '2026-01-05T09:00:00.000Z#v1a',
      '2026-01-06T09:00:00.000Z#v1c',
      expect.any(String),
    ]);
    expect(linked.at(-1)).toMatchObject({
      action: 'audit.entries-adopted',
      details: {
        entries: [
          { pk: chain(), sk: '2026-01-04T09:00:00.000Z#v1b', action: 'grant.approved' },
          { pk: chain(), sk: '2026-01-05T09:00:00.000Z#v1a', action: 'credential.revealed' },
          { pk: chain(), sk: '2026-01-06T09:00:00.000Z#v1c', action: 'credential.stored' },
        ],
      },
    });
    const { Item: person } = await table.send(
      new GetCommand({ TableName: 'Audit', Key: { pk: 'STAFF#stf-legacy', sk: '2026-01-03T09:00:00.000Z#v1d' } }),
    );
    expect(person).toMatchObject({ chain: 'SYSTEM', action: 'x', actorId: 'stf-v1' });

    // Again: nothing left to adopt, nothing written.
    const again = await adoptCli();
    expect(again.out).toContain('adopted 0 entries into 0 chains');
    expect((await entries()).length).toBe(head.seq + 4);
  });
});

describe('GET /accounts/{id}/audit, newest first in pages (issue 19.3)', () => {
  it('pages newest first past 500 entries with limit and nextCursor, filters by from/to, answers CSV', {
    timeout: 180_000,
  }, async () => {
    const { appendAudit } = await import('../../shared/adapters/audit.ts');
    const base = Date.parse('2030-01-01T00:00:00.000Z');
    await Promise.all(
      Array.from({ length: 350 }, (_, index) =>
        appendAudit({
          subject: chain(),
          action: 'test.paging',
          actorId: 'stf-pager',
          at: new Date(base + index * 1000).toISOString(),
          details: { index },
        }),
      ),
    );
    const partition = (await entries()).filter((item) => item.pk === chain() && !item.tombstone);
    const total = partition.length;
    expect(total).toBeGreaterThan(500);
    const first = await api.get(`/accounts/${accountId}/audit?limit=500`, { as: 'operations' });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(500);
    expect(first.body.items[0]).toMatchObject({ action: 'test.paging', details: { index: 349 } });
    const times = (first.body.items as Array<{ at: string }>).map((item) => item.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.get(`/accounts/${accountId}/audit?limit=500&cursor=${first.body.nextCursor}`, {
      as: 'operations',
    });
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(total - 500);
    expect(second.body.nextCursor).toBeUndefined();
    const oldest = partition.map((item) => item.at as string).sort()[0];
    expect(second.body.items.at(-1).at).toBe(oldest);
    expect(second.body.items[0].at <= times.at(-1)!).toBe(true);

    const window = await api.get(
      `/accounts/${accountId}/audit?from=2030-01-01T00:01:00.000Z&to=2030-01-01T00:01:09.000Z`,
      { as: 'operations' },
    );
    expect((window.body.items as Array<{ details: { index: number } }>).map((item) => item.details.index)).toEqual([
      69, 68, 67, 66, 65, 64, 63, 62, 61, 60,
    ]);

    const csv = await api.get(`/accounts/${accountId}/audit?limit=2&format=csv`, { as: 'operations' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n').slice(0, 2)).toEqual([
      'at,action,actorId,details',
      `2030-01-01T00:05:49.000Z,test.paging,stf-pager,"{""index"":349}"`,
    ]);
    expect(csv.headers.get('next-cursor')).toEqual(expect.any(String));

    const forged = await api.get(`/accounts/${accountId}/audit?cursor=bm90LWEtY3Vyc29y`, { as: 'operations' });
    expect(forged.status).toBe(400);

    // CI's fuzzer found this one answered 500: a range whose `from` is after its `to`.
    const reversed = await api.get(
      `/accounts/${accountId}/audit?from=2030-01-01T00:01:09.000Z&to=2030-01-01T00:01:00.000Z`,
      { as: 'operations' },
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('InvalidRequest');
  });
});

describe('exports with chain of custody (issue 21.4)', () => {
  it('a bundle verifies offline with the command alone and fails after any byte changes', {
    timeout: 180_000,
  }, async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { verifyBundle } = await import('../../shared/domain/audit-bundle.ts');
    await seal();
    const response = await api.get(`/records/export?accountId=${accountId}&format=bundle&requestReference=FOIA-26-21`, {
      as: 'recordsOfficer',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = response.text;
    const bundle = JSON.parse(text);
    expect(Object.keys(bundle.files).sort()).toEqual([
      'audit-chain.ndjson',
      'digests.json',
      'public-key.pem',
      'records.ndjson',
    ]);
    expect(bundle.files['audit-chain.ndjson']).toContain('records.exported');
    expect(JSON.parse(bundle.files['digests.json']).length).toBeGreaterThan(0);
    const dir = await mkdtemp(join(tmpdir(), 'bundle-'));
    const file = join(dir, 'records.bundle.json');
    await writeFile(file, text);
    // Offline: the command gets no endpoints, no credentials, no network.
    const offline = async (path: string) => {
      try {
        const { stdout } = await run(process.execPath, ['tools/verify-audit.ts', '--bundle', path], {
          cwd: repositoryRoot,
          env: { PATH: process.env.PATH ?? '' },
        });
        return { code: 0, out: stdout };
      } catch (error) {
        const failed = error as { code: number; stdout: string };
        return { code: failed.code, out: failed.stdout };
      }
    };
    const intact = await offline(file);
    expect(intact.out).toMatch(/^INTACT/);
    expect(intact.code).toBe(0);
    // Every byte of the manifest and its signature (the end of the canonical document), and 600 positions
    // spread over the files, one at a time (in process: the same function the command runs).
    const bytes = Buffer.from(text);
    const tail = Array.from({ length: Math.min(1000, bytes.length) }, (_, i) => bytes.length - 1 - i);
    const spread = Array.from({ length: 600 }, (_, i) => Math.floor((i * bytes.length) / 600));
    for (const position of [...tail, ...spread]) {
      const changed = Buffer.from(bytes);
      changed[position] = changed[position] === 0x41 ? 0x42 : 0x41;
      expect(
        verifyBundle(changed.toString('utf8')).ok,
        `byte ${position}: ${text.slice(position - 60, position + 20)}`,
      ).toBe(false);
    }
    // And through the command, a byte inside the records and one inside the chain.
    for (const needle of ['FOIA-26-21', 'credential.revealed']) {
      const changed = Buffer.from(bytes);
      const at = Buffer.from(text.slice(0, text.indexOf(needle))).length;
      changed[at] = changed[at]! ^ 1;
      await writeFile(file, changed);
      const result = await offline(file);
      expect(result.code).toBe(1);
      expect(result.out).toMatch(/^NOT INTACT/);
    }
  });
});
