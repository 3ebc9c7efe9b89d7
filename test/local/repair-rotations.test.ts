/**
 * Issue 22's one-off repair (tools/repair-rotations/repair.ts) on the Secrets Manager stand-in:
 * secrets left by the old design (AWSPENDING on a waiting version, or on an empty one) are found by
 * a dry run that changes nothing, and repaired with `apply` so that RotateSecret works again.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { startSecretsManager, type LocalSecretsManager } from '@official-accounts/local-aws/secrets-manager';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repairRotations } from '../../tools/repair-rotations/repair.ts';

const lambda = 'arn:aws:lambda:us-east-1:000000000000:function:rotate-secret';
let secretsManager: LocalSecretsManager;
let client: SecretsManagerClient;
const versions = { current: randomUUID(), waiting: randomUUID(), empty: randomUUID() };
const names = {
  waiting: 'official-accounts/accounts/acc-waiting',
  empty: 'official-accounts/accounts/acc-empty',
  clean: 'official-accounts/accounts/acc-clean',
};

const stagesOf = async (name: string) =>
  (await client.send(new DescribeSecretCommand({ SecretId: name }))).VersionIdsToStages ?? {};
const rotate = (name: string, token = randomUUID()) =>
  client.send(
    new RotateSecretCommand({
      SecretId: name,
      ClientRequestToken: token,
      RotationLambdaARN: lambda,
      RotateImmediately: true,
    }),
  );

beforeAll(async () => {
  secretsManager = await startSecretsManager({});
  client = new SecretsManagerClient({
    endpoint: secretsManager.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  for (const name of Object.values(names))
    await client.send(
      new CreateSecretCommand({ Name: name, ClientRequestToken: versions.current, SecretString: '{"password":"old"}' }),
    );
  // The old design: the rotation's password written under AWSPENDING, left there for the administrator.
  await rotate(names.waiting, versions.waiting);
  await client.send(
    new PutSecretValueCommand({
      SecretId: names.waiting,
      ClientRequestToken: versions.waiting,
      SecretString: '{"password":"new"}',
      VersionStages: ['AWSPENDING'],
    }),
  );
  // A rotation whose createSecret never wrote (issue 16.5): AWSPENDING on an empty version.
  await rotate(names.empty, versions.empty);
});

afterAll(async () => {
  client?.destroy();
  await secretsManager?.close();
});

describe('repairRotations', () => {
  it('a dry run reports what it would do and changes nothing', async () => {
    await expect(rotate(names.waiting)).rejects.toMatchObject({ name: 'InvalidRequestException' });
    const lines = await repairRotations(client, false);
    expect(lines).toEqual([
      expect.objectContaining({ secret: names.clean, action: 'ok' }),
      expect.objectContaining({ secret: names.empty, action: 'drop', versionId: versions.empty }),
      expect.objectContaining({ secret: names.waiting, action: 'relabel', versionId: versions.waiting }),
    ]);
    expect(lines.map((l) => l.detail).join('\n')).toContain('would be');
    expect((await stagesOf(names.waiting))[versions.waiting]).toEqual(['AWSPENDING']);
  });

  it('with apply, the waiting password moves to OA_PENDING, empty versions lose AWSPENDING, RotateSecret works', async () => {
    const lines = await repairRotations(client, true);
    expect(lines.map((l) => l.action)).toEqual(['ok', 'drop', 'relabel']);
    expect((await stagesOf(names.waiting))[versions.waiting]).toEqual(['OA_PENDING']);
    expect((await stagesOf(names.waiting))[versions.current]).toEqual(['AWSCURRENT']);
    expect((await stagesOf(names.empty))[versions.empty] ?? []).toEqual([]);
    expect((await repairRotations(client, true)).map((l) => l.action)).toEqual(['ok', 'ok', 'ok']);
    await expect(rotate(names.waiting)).resolves.toMatchObject({ VersionId: expect.any(String) });
    await expect(rotate(names.empty)).resolves.toMatchObject({ VersionId: expect.any(String) });
  });
});
