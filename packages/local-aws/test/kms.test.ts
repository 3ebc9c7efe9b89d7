import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  GetPublicKeyCommand,
  KMSClient,
  KMSInvalidSignatureException,
  NotFoundException,
  SignCommand,
  VerifyCommand,
} from '@aws-sdk/client-kms';
import { execFile } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalKms, startKms } from '../src/kms/server.ts';

const AWS_CLI = '/usr/bin/aws';
let kms: LocalKms;
let client: KMSClient;
let dataFile: string;

const clientFor = (endpoint: string) =>
  new KMSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

const createKey = async () =>
  (await client.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', Description: 'seal' })))
    .KeyMetadata!;

beforeAll(async () => {
  dataFile = join(await mkdtemp(join(tmpdir(), 'kms-')), 'keys.json');
  kms = await startKms({ dataFile });
  client = clientFor(kms.endpoint);
});
afterAll(async () => {
  client.destroy();
  await kms.close();
});

describe('the KMS stand-in through the SDK', () => {
  it('creates a P-256 signing key and describes it by id, ARN and alias', async () => {
    const key = await createKey();
    expect(key).toMatchObject({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      KeyState: 'Enabled',
      Enabled: true,
    });
    const alias = `alias/seal-${key.KeyId!.slice(0, 8)}`;
    await client.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyId }));
    for (const id of [key.KeyId, key.Arn, alias]) {
      expect((await client.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata?.Arn).toBe(key.Arn);
    }
    await expect(client.send(new DescribeKeyCommand({ KeyId: 'alias/none' }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('signs so the exported public key verifies without KMS; Verify refuses a changed message', async () => {
    const key = await createKey();
    const message = new TextEncoder().encode('{"chain":"SYSTEM","seq":3}');
    const { Signature } = await client.send(
      new SignCommand({ KeyId: key.KeyId, Message: message, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    const { PublicKey } = await client.send(new GetPublicKeyCommand({ KeyId: key.KeyId }));
    const publicKey = createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' });
    expect(verify('sha256', message, publicKey, Buffer.from(Signature!))).toBe(true);
    const valid = await client.send(
      new VerifyCommand({ KeyId: key.KeyId, Message: message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    expect(valid.SignatureValid).toBe(true);
    const changed = new TextEncoder().encode('{"chain":"SYSTEM","seq":4}');
    await expect(
      client.send(
        new VerifyCommand({ KeyId: key.KeyId, Message: changed, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }),
      ),
    ).rejects.toBeInstanceOf(KMSInvalidSignatureException);
  });

  it('keeps its keys across a restart, in a file only its owner reads', async () => {
    const key = await createKey();
    const message = new TextEncoder().encode('before restart');
    const { Signature } = await client.send(
      new SignCommand({ KeyId: key.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    const again = await startKms({ dataFile });
    const second = clientFor(again.endpoint);
    try {
      const result = await second.send(
        new VerifyCommand({ KeyId: key.KeyId, Message: message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
      expect(result.SignatureValid).toBe(true);
      expect((await stat(dataFile)).mode & 0o777).toBe(0o600);
    } finally {
      second.destroy();
      await again.close();
    }
  });
});

describe('the KMS stand-in through the AWS CLI v2', () => {
  const run = async (args: string[]) => {
    const { stdout } = await promisify(execFile)(
      AWS_CLI,
      ['kms', ...args, '--endpoint-url', kms.endpoint, '--output', 'json'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: tmpdir(),
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_REGION: 'us-east-1',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_PAGER: '',
        },
      },
    );
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  it('signs and verifies with aws kms sign / verify and reads the public key', async (context) => {
    if (!existsSync(AWS_CLI)) context.skip(`AWS CLI v2 not installed at ${AWS_CLI}`);
    const created = (await run(['create-key', '--key-spec', 'ECC_NIST_P256', '--key-usage', 'SIGN_VERIFY'])) as {
      KeyMetadata: { KeyId: string };
    };
    const keyId = created.KeyMetadata.KeyId;
    const file = join(await mkdtemp(join(tmpdir(), 'kms-cli-')), 'message.txt');
    await writeFile(file, 'digest of chain ACCOUNT#acc_1');
    const signed = await run([
      'sign',
      '--key-id',
      keyId,
      '--message',
      `fileb://${file}`,
      '--message-type',
      'RAW',
      '--signing-algorithm',
      'ECDSA_SHA_256',
    ]);
    expect(signed.SigningAlgorithm).toBe('ECDSA_SHA_256');
    const verified = await run([
      'verify',
      '--key-id',
      keyId,
      '--message',
      `fileb://${file}`,
      '--message-type',
      'RAW',
      '--signing-algorithm',
      'ECDSA_SHA_256',
      '--signature',
      String(signed.Signature),
    ]);
    expect(verified.SignatureValid).toBe(true);
    const publicKey = await run(['get-public-key', '--key-id', keyId]);
    expect(publicKey).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const spki = createPublicKey({
      key: Buffer.from(String(publicKey.PublicKey), 'base64'),
      format: 'der',
      type: 'spki',
    });
    expect(
      verify(
        'sha256',
        Buffer.from('digest of chain ACCOUNT#acc_1'),
        spki,
        Buffer.from(String(signed.Signature), 'base64'),
      ),
    ).toBe(true);
  });
});
