import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  PutObjectLockConfigurationCommand,
  PutObjectRetentionCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, startS3 } from '../src/s3/server.ts';

const AWS_CLI = '/usr/bin/aws';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const signed = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00',
  'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
};
let s3: LocalS3;
let client: S3Client;
let dataDir: string;
let bucketCount = 0;

const clientFor = (endpoint: string, region = 'us-east-1') =>
  new S3Client({ endpoint, region, credentials, forcePathStyle: true, maxAttempts: 1 });

const text = async (output: { Body?: { transformToString(): Promise<string> } }) =>
  (await output.Body?.transformToString()) ?? '';

/** The S3 error a command is refused with (its name, HTTP status and the XML's Code). */
async function refusal(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(S3ServiceException);
    const failure = error as S3ServiceException;
    return { name: failure.name, status: failure.$metadata.httpStatusCode };
  }
  throw new Error('expected the command to be refused');
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

/** A fresh Object Lock bucket with a default COMPLIANCE retention of one day. */
async function lockedBucket(target = client): Promise<string> {
  const Bucket = `digests-${process.pid}-${++bucketCount}`;
  await target.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
  await target.send(
    new PutObjectLockConfigurationCommand({
      Bucket,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } },
      },
    }),
  );
  return Bucket;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 's3-'));
  s3 = await startS3({ dataDir });
  client = clientFor(s3.endpoint);
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});

describe('the S3 stand-in: buckets with Object Lock', () => {
  it('creates a lock-enabled bucket with versioning on and reports its default COMPLIANCE retention', async () => {
    const Bucket = await lockedBucket();
    await client.send(new HeadBucketCommand({ Bucket }));
    expect((await client.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
    const { ObjectLockConfiguration } = await client.send(new GetObjectLockConfigurationCommand({ Bucket }));
    expect(ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } },
    });
    // us-east-1 answers a repeated create by the owner with 200 (AWS's documented legacy behaviour).
    await client.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    expect(
      await refusal(
        client.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } })),
      ),
    ).toEqual({ name: 'InvalidBucketState', status: 409 });
  });

  it('answers BucketAlreadyOwnedByYou (409) to a repeated create outside us-east-1', async () => {
    const regional = await startS3({ region: 'eu-west-1' });
    const other = clientFor(regional.endpoint, 'eu-west-1');
    try {
      await other.send(
        new CreateBucketCommand({ Bucket: 'twice', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
      );
      expect(
        await refusal(
          other.send(
            new CreateBucketCommand({
              Bucket: 'twice',
              CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
            }),
          ),
        ),
      ).toEqual({ name: 'BucketAlreadyOwnedByYou', status: 409 });
    } finally {
      other.destroy();
      await regional.close();
    }
  });

  it('has no Object Lock configuration on a plain bucket, and refuses lock headers there', async () => {
    const Bucket = `plain-${process.pid}`;
    await client.send(new CreateBucketCommand({ Bucket }));
    expect(await refusal(client.send(new GetObjectLockConfigurationCommand({ Bucket })))).toEqual({
      name: 'ObjectLockConfigurationNotFoundError',
      status: 404,
    });
    const refused = await refusal(
      client.send(
        new PutObjectCommand({
          Bucket,
          Key: 'k',
          Body: 'x',
          ObjectLockMode: 'COMPLIANCE',
          ObjectLockRetainUntilDate: inDays(1),
        }),
      ),
    );
    expect(refused).toEqual({ name: 'InvalidRequest', status: 400 });
    await client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    expect(await refusal(client.send(new DeleteBucketCommand({ Bucket })))).toEqual({
      name: 'BucketNotEmpty',
      status: 409,
    });
    await client.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    await client.send(new DeleteBucketCommand({ Bucket }));
    expect(await refusal(client.send(new HeadBucketCommand({ Bucket })))).toMatchObject({ status: 404 });
  });
});

describe('the S3 stand-in: write-once objects', () => {
  it('stores a Buffer and a stream (aws-chunked with a trailing CRC32) under the default retention', async () => {
    const Bucket = await lockedBucket();
    const body = Buffer.from('{"chain":"SYSTEM","day":"2026-12-03","digest":"ab12"}');
    const put = await client.send(new PutObjectCommand({ Bucket, Key: 'digests/SYSTEM/2026-12-03.json', Body: body }));
    expect(put.ETag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    expect(put.VersionId).toMatch(/^[\w-]{32}$/);
    const streamed = Buffer.from('x'.repeat(100_000));
    const stream = await client.send(
      new PutObjectCommand({
        Bucket,
        Key: 'digests/SYSTEM/2026-12-04.json',
        Body: Readable.from([streamed.subarray(0, 40_000), streamed.subarray(40_000)]),
        ContentLength: streamed.length,
        ContentType: 'application/json',
      }),
    );
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(streamed));
    expect(stream.ChecksumCRC32).toBe(crc.toString('base64'));
    const got = await client.send(new GetObjectCommand({ Bucket, Key: 'digests/SYSTEM/2026-12-04.json' }));
    expect(await text(got)).toBe(streamed.toString());
    expect(got).toMatchObject({
      ContentType: 'application/json',
      ContentLength: streamed.length,
      VersionId: stream.VersionId,
    });
    const head = await client.send(new HeadObjectCommand({ Bucket, Key: 'digests/SYSTEM/2026-12-03.json' }));
    expect(head).toMatchObject({
      ContentLength: body.length,
      ETag: put.ETag,
      VersionId: put.VersionId,
      ObjectLockMode: 'COMPLIANCE',
    });
    expect(head.LastModified).toBeInstanceOf(Date);
    const until = head.ObjectLockRetainUntilDate?.getTime() ?? 0;
    expect(Math.abs(until - inDays(1).getTime())).toBeLessThan(60_000);
  });

  it('refuses a second write of the same key with If-None-Match: * (412), keeping the first', async () => {
    const Bucket = await lockedBucket();
    await client.send(new PutObjectCommand({ Bucket, Key: 'once', Body: 'first', IfNoneMatch: '*' }));
    expect(
      await refusal(client.send(new PutObjectCommand({ Bucket, Key: 'once', Body: 'second', IfNoneMatch: '*' }))),
    ).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
    expect(await text(await client.send(new GetObjectCommand({ Bucket, Key: 'once' })))).toBe('first');
  });

  it('refuses a body whose Content-MD5 or x-amz-checksum-crc32 does not match (BadDigest)', async () => {
    const Bucket = await lockedBucket();
    const wrongMd5 = createHash('md5').update('other').digest('base64');
    expect(
      await refusal(client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'body', ContentMD5: wrongMd5 }))),
    ).toEqual({
      name: 'BadDigest',
      status: 400,
    });
    const response = await fetch(`${s3.endpoint}/${Bucket}/k`, {
      method: 'PUT',
      headers: { ...signed, 'x-amz-checksum-crc32': 'AAAAAA==' },
      body: 'body',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>BadDigest</Code>');
    expect((await client.send(new ListObjectVersionsCommand({ Bucket }))).Versions).toBeUndefined();
  });

  it('needs Content-MD5 or a checksum for a put with lock settings', async () => {
    const Bucket = await lockedBucket();
    const response = await fetch(`${s3.endpoint}/${Bucket}/k`, {
      method: 'PUT',
      headers: { ...signed, 'x-amz-object-lock-legal-hold': 'ON' },
      body: 'body',
    });
    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(xml).toContain('<Code>InvalidRequest</Code>');
    expect(xml).toContain('Content-MD5 OR x-amz-checksum- HTTP header is required');
  });
});

describe('the S3 stand-in: listings', () => {
  it('pages ListObjectsV2 in UTF-8 byte order with continuation tokens, prefixes and delimiters', async () => {
    const Bucket = await lockedBucket();
    // UTF-8 byte order puts U+FF5E before U+1F600, which JavaScript's UTF-16 order puts first.
    const keys = ['a/1', 'a/2', 'b/1', 'b/2', 'c', 'z', 'é', '\uff5e', '\u{1f600}'];
    for (const Key of [...keys].reverse()) await client.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
    const seen: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket, MaxKeys: 3, ContinuationToken }));
      expect(page.KeyCount).toBe(page.Contents?.length);
      seen.push(...(page.Contents ?? []).map((item) => item.Key ?? ''));
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    expect(seen).toEqual(keys);
    const grouped = await client.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(grouped.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['a/', 'b/']);
    expect(grouped.Contents?.map((item) => item.Key)).toEqual(keys.slice(4));
    const pages: (string | undefined)[][] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket, Delimiter: '/', MaxKeys: 2, ContinuationToken: token }),
      );
      pages.push([...(page.CommonPrefixes ?? []).map((p) => p.Prefix), ...(page.Contents ?? []).map((c) => c.Key)]);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    expect(pages).toEqual([['a/', 'b/'], ['c', 'z'], ['é', '\uff5e'], ['\u{1f600}']]);
    const prefixed = await client.send(new ListObjectsV2Command({ Bucket, Prefix: 'b/', StartAfter: 'b/1' }));
    expect(prefixed.Contents?.map((item) => item.Key)).toEqual(['b/2']);
  });

  it('lists versions and delete markers; a delete marker hides the object, its version stays', async () => {
    const Bucket = await lockedBucket();
    const first = await client.send(new PutObjectCommand({ Bucket, Key: 'digest', Body: 'v1' }));
    const second = await client.send(new PutObjectCommand({ Bucket, Key: 'digest', Body: 'v2' }));
    const deleted = await client.send(new DeleteObjectCommand({ Bucket, Key: 'digest' }));
    expect(deleted.DeleteMarker).toBe(true);
    expect(await refusal(client.send(new GetObjectCommand({ Bucket, Key: 'digest' })))).toEqual({
      name: 'NoSuchKey',
      status: 404,
    });
    const raw = await fetch(`${s3.endpoint}/${Bucket}/digest`, { headers: signed });
    expect(raw.headers.get('x-amz-delete-marker')).toBe('true');
    expect(raw.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    expect(await raw.text()).toMatch(
      /<Error><Code>NoSuchKey<\/Code><Message>.*<\/Message><Key>digest<\/Key><RequestId>/,
    );
    expect((await client.send(new ListObjectsV2Command({ Bucket }))).KeyCount).toBe(0);
    const old = await client.send(new GetObjectCommand({ Bucket, Key: 'digest', VersionId: first.VersionId }));
    expect(await text(old)).toBe('v1');
    const listed = await client.send(new ListObjectVersionsCommand({ Bucket }));
    expect(listed.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest])).toEqual([[deleted.VersionId, true]]);
    expect(listed.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([
      [second.VersionId, false],
      [first.VersionId, false],
    ]);
    const paged = await client.send(new ListObjectVersionsCommand({ Bucket, MaxKeys: 2 }));
    expect(paged.IsTruncated).toBe(true);
    const rest = await client.send(
      new ListObjectVersionsCommand({
        Bucket,
        KeyMarker: paged.NextKeyMarker,
        VersionIdMarker: paged.NextVersionIdMarker,
      }),
    );
    expect(rest.Versions?.map((v) => v.VersionId)).toEqual([first.VersionId]);
    expect(await refusal(client.send(new GetObjectCommand({ Bucket, Key: 'digest', VersionId: 'nope' })))).toEqual({
      name: 'NoSuchVersion',
      status: 404,
    });
    expect(
      await refusal(client.send(new GetObjectCommand({ Bucket, Key: 'digest', VersionId: deleted.VersionId }))),
    ).toEqual({ name: 'MethodNotAllowed', status: 405 });
    // Removing the delete marker by its id brings the object back.
    await client.send(new DeleteObjectCommand({ Bucket, Key: 'digest', VersionId: deleted.VersionId }));
    expect(await text(await client.send(new GetObjectCommand({ Bucket, Key: 'digest' })))).toBe('v2');
  });
});

describe('the S3 stand-in: COMPLIANCE retention', () => {
  it('refuses deleting a locked version (403) and shortening its retention; extending is allowed', async () => {
    const Bucket = await lockedBucket();
    const { VersionId } = await client.send(new PutObjectCommand({ Bucket, Key: 'sealed', Body: 'digest' }));
    expect(await refusal(client.send(new DeleteObjectCommand({ Bucket, Key: 'sealed', VersionId })))).toEqual({
      name: 'AccessDenied',
      status: 403,
    });
    const bypass = client.send(
      new DeleteObjectCommand({ Bucket, Key: 'sealed', VersionId, BypassGovernanceRetention: true }),
    );
    expect(await refusal(bypass)).toEqual({ name: 'AccessDenied', status: 403 });
    const shorter = client.send(
      new PutObjectRetentionCommand({
        Bucket,
        Key: 'sealed',
        VersionId,
        Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + 3_600_000) },
      }),
    );
    expect(await refusal(shorter)).toEqual({ name: 'AccessDenied', status: 403 });
    const toGovernance = client.send(
      new PutObjectRetentionCommand({
        Bucket,
        Key: 'sealed',
        VersionId,
        Retention: { Mode: 'GOVERNANCE', RetainUntilDate: inDays(30) },
      }),
    );
    expect(await refusal(toGovernance)).toEqual({ name: 'AccessDenied', status: 403 });
    const later = inDays(30);
    await client.send(
      new PutObjectRetentionCommand({
        Bucket,
        Key: 'sealed',
        VersionId,
        Retention: { Mode: 'COMPLIANCE', RetainUntilDate: later },
      }),
    );
    const { Retention } = await client.send(new GetObjectRetentionCommand({ Bucket, Key: 'sealed', VersionId }));
    expect(Retention).toEqual({ Mode: 'COMPLIANCE', RetainUntilDate: later });
    expect(await text(await client.send(new GetObjectCommand({ Bucket, Key: 'sealed', VersionId })))).toBe('digest');
  });

  it('lets a version be deleted once its retention has passed, but not while on legal hold', async () => {
    const Bucket = await lockedBucket();
    const { VersionId } = await client.send(
      new PutObjectCommand({
        Bucket,
        Key: 'short',
        Body: 'digest',
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: new Date(Date.now() + 1500),
      }),
    );
    expect(await refusal(client.send(new DeleteObjectCommand({ Bucket, Key: 'short', VersionId })))).toMatchObject({
      status: 403,
    });
    await client.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'short', VersionId, LegalHold: { Status: 'ON' } }));
    await sleep(1700);
    expect(await refusal(client.send(new DeleteObjectCommand({ Bucket, Key: 'short', VersionId })))).toMatchObject({
      status: 403,
    });
    await client.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'short', VersionId, LegalHold: { Status: 'OFF' } }));
    await client.send(new DeleteObjectCommand({ Bucket, Key: 'short', VersionId }));
    expect((await client.send(new ListObjectVersionsCommand({ Bucket }))).Versions).toBeUndefined();
  });

  it('lets GOVERNANCE retention be bypassed with x-amz-bypass-governance-retention', async () => {
    const Bucket = await lockedBucket();
    const { VersionId } = await client.send(
      new PutObjectCommand({
        Bucket,
        Key: 'g',
        Body: 'x',
        ObjectLockMode: 'GOVERNANCE',
        ObjectLockRetainUntilDate: inDays(1),
      }),
    );
    expect(await refusal(client.send(new DeleteObjectCommand({ Bucket, Key: 'g', VersionId })))).toMatchObject({
      status: 403,
    });
    const shortened = client.send(
      new PutObjectRetentionCommand({
        Bucket,
        Key: 'g',
        VersionId,
        Retention: { Mode: 'GOVERNANCE', RetainUntilDate: new Date(Date.now() + 3_600_000) },
      }),
    );
    expect(await refusal(shortened)).toMatchObject({ status: 403 });
    await client.send(new DeleteObjectCommand({ Bucket, Key: 'g', VersionId, BypassGovernanceRetention: true }));
  });
});

describe('the S3 stand-in: persistence, protocol and refusals', () => {
  it('keeps buckets, versions and retention across a restart, in files only its owner reads', async () => {
    const Bucket = await lockedBucket();
    const { VersionId } = await client.send(new PutObjectCommand({ Bucket, Key: 'kept', Body: 'before restart' }));
    const again = await startS3({ dataDir });
    const second = clientFor(again.endpoint);
    try {
      const got = await second.send(new GetObjectCommand({ Bucket, Key: 'kept' }));
      expect(await text(got)).toBe('before restart');
      expect(got).toMatchObject({ VersionId, ObjectLockMode: 'COMPLIANCE' });
      expect(await refusal(second.send(new DeleteObjectCommand({ Bucket, Key: 'kept', VersionId })))).toMatchObject({
        status: 403,
      });
      const dir = join(dataDir, Bucket, 'versions');
      for (const name of await readdir(dir)) expect((await stat(join(dir, name))).mode & 0o777).toBe(0o600);
      expect((await stat(join(dataDir, Bucket, 'bucket.json'))).mode & 0o777).toBe(0o600);
      const files = await readdir(dir);
      const data = files.find((name) => name.endsWith('.data') && true);
      expect(data && (await readFile(join(dir, data), 'utf8')).length).toBeGreaterThan(0);
    } finally {
      second.destroy();
      await again.close();
    }
  });

  it('refuses a credential scoped to another Region or service, and an unsigned request', async () => {
    const elsewhere = clientFor(s3.endpoint, 'us-west-2');
    try {
      expect(await refusal(elsewhere.send(new ListObjectsV2Command({ Bucket: 'any' })))).toEqual({
        name: 'AuthorizationHeaderMalformed',
        status: 400,
      });
    } finally {
      elsewhere.destroy();
    }
    const kms = await fetch(`${s3.endpoint}/`, {
      headers: { ...signed, authorization: signed.authorization.replace('/s3/', '/kms/') },
    });
    expect(kms.status).toBe(400);
    const unsigned = await fetch(`${s3.endpoint}/`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('answers an operation it does not implement with 501 NotImplemented, and HEAD errors without a body', async () => {
    const Bucket = await lockedBucket();
    const tagging = await fetch(`${s3.endpoint}/${Bucket}?tagging`, { headers: signed });
    expect(tagging.status).toBe(501);
    expect(await tagging.text()).toContain('<Code>NotImplemented</Code>');
    const head = await fetch(`${s3.endpoint}/${Bucket}/missing`, { method: 'HEAD', headers: signed });
    expect(head.status).toBe(404);
    expect(head.headers.get('x-amz-request-id')).toBeTruthy();
    expect(await head.text()).toBe('');
  });
});

describe('the S3 stand-in through the AWS CLI', () => {
  let home: string;
  const run = async (args: string[]) => {
    const { stdout } = await promisify(execFile)(
      AWS_CLI,
      [...args, '--endpoint-url', s3.endpoint, '--output', 'json'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
          AWS_PAGER: '',
        },
      },
    );
    return stdout;
  };
  const json = async (args: string[]) => JSON.parse((await run(args)) || '{}') as Record<string, unknown>;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 's3-cli-'));
    // Path-style addressing, and nothing from the machine's own configuration.
    await writeFile(join(home, 'config'), '[default]\ns3 =\n  addressing_style = path\n');
    await writeFile(join(home, 'credentials'), '');
  }, 60_000);

  it('creates a lock bucket, puts a COMPLIANCE object and cannot delete its version', async (context) => {
    if (!existsSync(AWS_CLI)) context.skip(`AWS CLI not installed at ${AWS_CLI}`);
    const bucket = `cli-${process.pid}`;
    await json(['s3api', 'create-bucket', '--bucket', bucket, '--object-lock-enabled-for-bucket']);
    await run([
      's3api',
      'put-object-lock-configuration',
      '--bucket',
      bucket,
      '--object-lock-configuration',
      '{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"COMPLIANCE","Days":1}}}',
    ]);
    const file = join(home, 'digest.json');
    await writeFile(file, '{"chain":"ACCOUNT#acc_1","digest":"cd34"}');
    // Whole seconds: the CLI writes header timestamps without milliseconds.
    const until = new Date(Math.floor(inDays(2).getTime() / 1000) * 1000).toISOString();
    const put = await json([
      's3api',
      'put-object',
      '--bucket',
      bucket,
      '--key',
      'digests/acc_1.json',
      '--body',
      file,
      '--object-lock-mode',
      'COMPLIANCE',
      '--object-lock-retain-until-date',
      until,
    ]);
    expect(put.VersionId).toMatch(/^[\w-]{32}$/);
    const { Retention } = (await json([
      's3api',
      'get-object-retention',
      '--bucket',
      bucket,
      '--key',
      'digests/acc_1.json',
    ])) as { Retention: { Mode: string; RetainUntilDate: string } };
    expect(Retention.Mode).toBe('COMPLIANCE');
    expect(Date.parse(Retention.RetainUntilDate)).toBe(Date.parse(until));
    const versions = (await json(['s3api', 'list-object-versions', '--bucket', bucket])) as {
      Versions: { Key: string; VersionId: string; IsLatest: boolean }[];
    };
    expect(versions.Versions).toEqual([
      expect.objectContaining({ Key: 'digests/acc_1.json', VersionId: put.VersionId, IsLatest: true }),
    ]);
    const deletion = run([
      's3api',
      'delete-object',
      '--bucket',
      bucket,
      '--key',
      'digests/acc_1.json',
      '--version-id',
      String(put.VersionId),
    ]);
    await expect(deletion).rejects.toThrow(/AccessDenied/);
    await expect(run(['s3api', 'head-object', '--bucket', bucket, '--key', 'digests/acc_1.json'])).resolves.toContain(
      '"ObjectLockMode": "COMPLIANCE"',
    );
  }, 60_000);

  it('copies files in and out with aws s3 cp and lists them with aws s3 ls', async (context) => {
    if (!existsSync(AWS_CLI)) context.skip(`AWS CLI not installed at ${AWS_CLI}`);
    const bucket = `cli-cp-${process.pid}`;
    await json(['s3api', 'create-bucket', '--bucket', bucket, '--object-lock-enabled-for-bucket']);
    const file = join(home, 'day.json');
    await writeFile(file, '{"day":"2026-12-04"}');
    await run(['s3', 'cp', file, `s3://${bucket}/digests/2026-12-04.json`]);
    await run(['s3', 'cp', file, `s3://${bucket}/digests/2026-12-05.json`]);
    const listing = await run(['s3', 'ls', `s3://${bucket}/digests/`]);
    expect(listing).toMatch(/\s20 2026-12-04\.json\n.*\s20 2026-12-05\.json\n/);
    expect(await run(['s3', 'ls'])).toContain(bucket);
    const back = join(home, 'back.json');
    await run(['s3', 'cp', `s3://${bucket}/digests/2026-12-04.json`, back]);
    expect(await readFile(back, 'utf8')).toBe('{"day":"2026-12-04"}');
  }, 60_000);
});
