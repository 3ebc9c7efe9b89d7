import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  type GetRandomPasswordCommandInput,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InvokeFunction, type LocalSecretsManager, startSecretsManager } from '../src/secrets-manager/server.ts';

const AWS_CLI = '/usr/bin/aws';
/** The Node running this test (the project's Node 24), for the CLI under test. */
const NODE = process.execPath;
const CLI = fileURLToPath(new URL('../src/secrets-manager/cli.ts', import.meta.url));
const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:rotate-credentials';

const clientFor = (endpoint: string) =>
  new SecretsManagerClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Enough of a SigV4 Authorization header for the emulator, which checks form and scope only. */
const signedHeaders = (target: string) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': target,
  'x-amz-date': '20250101T000000Z',
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20250101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
});

let emulator: LocalSecretsManager;
let sm: SecretsManagerClient;

beforeAll(async () => {
  emulator = await startSecretsManager({ port: 0 });
  sm = clientFor(emulator.endpoint);
});

afterAll(async () => {
  sm?.destroy();
  await emulator?.close();
});

async function createSecret(
  prefix: string,
  value = 'v1',
  extra: Partial<ConstructorParameters<typeof CreateSecretCommand>[0]> = {},
) {
  const name = uniqueName(prefix);
  const created = await sm.send(new CreateSecretCommand({ Name: name, SecretString: value, ...extra }));
  return { name, arn: created.ARN ?? '', versionId: created.VersionId ?? '' };
}

async function stagesOf(secretId: string) {
  const { VersionIdsToStages } = await sm.send(new DescribeSecretCommand({ SecretId: secretId }));
  return VersionIdsToStages ?? {};
}

describe('CreateSecret and GetSecretValue', () => {
  it('stores a string secret under an AWS-shaped ARN and reads it by name, ARN and partial ARN', async () => {
    const { name, arn, versionId } = await createSecret('app/db', '{"password":"s3cret"}');

    expect(arn).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-[A-Za-z0-9]{6}$`));
    expect(versionId).toMatch(UUID);
    for (const secretId of [name, arn, arn.slice(0, -7)]) {
      const value = await sm.send(new GetSecretValueCommand({ SecretId: secretId }));
      expect(value).toMatchObject({
        ARN: arn,
        Name: name,
        VersionId: versionId,
        SecretString: '{"password":"s3cret"}',
        VersionStages: ['AWSCURRENT'],
      });
      expect(value.CreatedDate).toBeInstanceOf(Date);
    }
  });

  it('round-trips a binary secret', async () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 255]);
    const name = uniqueName('binary');
    await sm.send(new CreateSecretCommand({ Name: name, SecretBinary: bytes }));

    const value = await sm.send(new GetSecretValueCommand({ SecretId: name }));

    expect(value.SecretString).toBeUndefined();
    expect(Buffer.from(value.SecretBinary ?? new Uint8Array()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses a taken name, an invalid name, and a value given both ways', async () => {
    const { name } = await createSecret('taken');

    await expect(sm.send(new CreateSecretCommand({ Name: name, SecretString: 'other' }))).rejects.toMatchObject({
      name: 'ResourceExistsException',
      message: `The operation failed because the secret ${name} already exists.`,
    });
    await expect(sm.send(new CreateSecretCommand({ Name: 'has spaces', SecretString: 'x' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      sm.send(
        new CreateSecretCommand({ Name: uniqueName('both'), SecretString: 'x', SecretBinary: Uint8Array.from([1]) }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('creates a secret without a value, which has no AWSCURRENT to read until a value is put', async () => {
    const name = uniqueName('empty');
    const created = await sm.send(new CreateSecretCommand({ Name: name }));

    expect(created.VersionId).toBeUndefined();
    await expect(sm.send(new GetSecretValueCommand({ SecretId: name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    });
    const put = await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'first', VersionStages: ['AWSPENDING'] }),
    );
    expect(put.VersionStages?.sort()).toEqual(['AWSCURRENT', 'AWSPENDING']);
  });
});

describe('ClientRequestToken idempotency', () => {
  it('answers a retried CreateSecret with the same secret and version, and refuses the token with another value', async () => {
    const name = uniqueName('retry');
    const token = randomUUID();
    const first = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v1', ClientRequestToken: token }));

    const retried = await sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'v1', ClientRequestToken: token }),
    );

    expect(retried).toMatchObject({ ARN: first.ARN, Name: name, VersionId: token });
    await expect(
      sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v2', ClientRequestToken: token })),
    ).rejects.toMatchObject({
      name: 'ResourceExistsException',
    });
  });

  it('makes a retried PutSecretValue a no-op and refuses to change an existing version', async () => {
    const { name } = await createSecret('put-retry');
    const token = randomUUID();
    const put = () =>
      sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2', ClientRequestToken: token }));

    const first = await put();
    const again = await put();

    expect(again).toMatchObject({ VersionId: token, VersionStages: first.VersionStages });
    const { Versions } = await sm.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
    expect(Versions).toHaveLength(2);
    await expect(
      sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v3', ClientRequestToken: token })),
    ).rejects.toMatchObject({ name: 'ResourceExistsException' });
  });
});

describe('staging labels', () => {
  it('carries a version from AWSPENDING to AWSCURRENT and the old one to AWSPREVIOUS, as a rotation does', async () => {
    // Prepare
    const { name, versionId: original } = await createSecret('staged', 'old');
    const pending = await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'new', VersionStages: ['AWSPENDING'] }),
    );
    const pendingId = pending.VersionId ?? '';
    expect(pending.VersionStages).toEqual(['AWSPENDING']);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('old');
    expect(
      (await sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPENDING' }))).SecretString,
    ).toBe('new');

    // Act
    await expect(
      sm.send(
        new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: pendingId }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached to version ${original}, so you must explicitly reference that version in RemoveFromVersionId.`,
    });
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: pendingId,
        RemoveFromVersionId: original,
      }),
    );

    // Assess
    expect(await stagesOf(name)).toEqual({ [original]: ['AWSPREVIOUS'], [pendingId]: ['AWSPENDING', 'AWSCURRENT'] });
    expect((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('new');
    expect(
      (await sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' }))).SecretString,
    ).toBe('old');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: original }))).SecretString).toBe(
      'old',
    );
    expect(
      (await sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: pendingId, VersionStage: 'AWSCURRENT' })))
        .SecretString,
    ).toBe('new');
  });

  it('moves AWSCURRENT on PutSecretValue by default, leaving the version before last deprecated', async () => {
    const { name, versionId: first } = await createSecret('history', 'v1');
    const second = (await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2' }))).VersionId ?? '';
    const third = (await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v3' }))).VersionId ?? '';

    expect(await stagesOf(name)).toEqual({ [second]: ['AWSPREVIOUS'], [third]: ['AWSCURRENT'] });
    const listed = await sm.send(new ListSecretVersionIdsCommand({ SecretId: name }));
    expect(listed.Versions?.map((version) => version.VersionId).sort()).toEqual([second, third].sort());
    const withDeprecated = await sm.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
    const deprecated = withDeprecated.Versions?.find((version) => version.VersionId === first);
    expect(deprecated?.CreatedDate).toBeInstanceOf(Date);
    expect(deprecated?.VersionStages).toBeUndefined();
  });

  it('rolls back by moving AWSCURRENT to the AWSPREVIOUS version', async () => {
    const { name, versionId: first } = await createSecret('rollback', 'good');
    const bad = (await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'bad' }))).VersionId ?? '';

    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: first,
        RemoveFromVersionId: bad,
      }),
    );

    expect(await stagesOf(name)).toEqual({ [first]: ['AWSCURRENT'], [bad]: ['AWSPREVIOUS'] });
  });

  it('refuses inconsistent stage requests the way AWS does', async () => {
    const { name, versionId: current } = await createSecret('stage-errors');
    const other =
      (await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'x', VersionStages: ['custom'] })))
        .VersionId ?? '';

    await expect(
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: name,
          VersionStage: 'AWSCURRENT',
          RemoveFromVersionId: current,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining("can't be completely removed"),
    });
    await expect(
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: name,
          VersionStage: 'custom',
          MoveToVersionId: current,
          RemoveFromVersionId: current,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: name,
          VersionStage: 'custom',
          MoveToVersionId: randomUUID(),
          RemoveFromVersionId: other,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: other, VersionStage: 'AWSCURRENT' })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });

    // A custom label can simply be taken off, which leaves the version deprecated.
    await sm.send(
      new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'custom', RemoveFromVersionId: other }),
    );
    expect(await stagesOf(name)).toEqual({ [current]: ['AWSCURRENT'] });
  });
});

describe('RotateSecret', () => {
  it('records the rules and an empty AWSPENDING version; completing the rotation sets LastRotatedDate', async () => {
    // Prepare
    const { name, versionId: original } = await createSecret('rotating', 'old');

    // Act
    const rotation = await sm.send(
      new RotateSecretCommand({
        SecretId: name,
        RotationLambdaARN: LAMBDA_ARN,
        RotationRules: { AutomaticallyAfterDays: 30 },
      }),
    );
    const token = rotation.VersionId ?? '';
    expect(await stagesOf(name)).toEqual({ [original]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
    await expect(
      sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPENDING' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(sm.send(new RotateSecretCommand({ SecretId: name }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: "A previous rotation isn't complete. That rotation will be reattempted.",
    });
    // What a rotation function's createSecret and finishSecret steps do:
    await sm.send(
      new PutSecretValueCommand({
        SecretId: name,
        ClientRequestToken: token,
        SecretString: 'new',
        VersionStages: ['AWSPENDING'],
      }),
    );
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: token,
        RemoveFromVersionId: original,
      }),
    );

    // Assess
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described).toMatchObject({
      RotationEnabled: true,
      RotationLambdaARN: LAMBDA_ARN,
      RotationRules: { AutomaticallyAfterDays: 30 },
      VersionIdsToStages: { [original]: ['AWSPREVIOUS'], [token]: ['AWSPENDING', 'AWSCURRENT'] },
    });
    const rotatedAt = described.LastRotatedDate?.getTime() ?? 0;
    expect(Math.abs(rotatedAt - Date.now())).toBeLessThan(60_000);
    // The window is the whole UTC day 30 days on; NextRotationDate is its last second.
    const windowStart = Math.floor(rotatedAt / DAY_MS) * DAY_MS + 30 * DAY_MS;
    expect(described.NextRotationDate?.getTime()).toBe(windowStart + DAY_MS - 1000);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('new');
  });

  it('only records a cron schedule when RotateImmediately is false', async () => {
    const { name, versionId } = await createSecret('scheduled');

    const rotation = await sm.send(
      new RotateSecretCommand({
        SecretId: name,
        RotationLambdaARN: LAMBDA_ARN,
        RotationRules: { ScheduleExpression: 'cron(0 4 ? * MON *)', Duration: '2h' },
        RotateImmediately: false,
      }),
    );

    expect(rotation.VersionId).toBeUndefined();
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described.VersionIdsToStages).toEqual({ [versionId]: ['AWSCURRENT'] });
    expect(described.RotationRules).toEqual({ ScheduleExpression: 'cron(0 4 ? * MON *)', Duration: '2h' });
    expect(described.LastRotatedDate).toBeUndefined();
    // Monday 04:00 UTC plus a two hour window: the rotation happens by 05:59:59.
    const next = described.NextRotationDate ?? new Date(0);
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes(), next.getUTCSeconds()]).toEqual([1, 5, 59, 59]);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * DAY_MS + 2 * 60 * 60 * 1000);
  });

  it('refuses rules AWS refuses and a rotation with no Lambda function configured', async () => {
    const { name } = await createSecret('bad-rules');
    const rotate = (input: Partial<ConstructorParameters<typeof RotateSecretCommand>[0]>) =>
      sm.send(
        new RotateSecretCommand({ SecretId: name, RotationLambdaARN: LAMBDA_ARN, RotateImmediately: false, ...input }),
      );

    await expect(
      rotate({ RotationRules: { AutomaticallyAfterDays: 3, ScheduleExpression: 'rate(3 days)' } }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(rotate({ RotationRules: { ScheduleExpression: 'cron(15 4 * * ? *)' } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(rotate({ RotationRules: { ScheduleExpression: 'rate(2 hours)' } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(rotate({ RotationRules: { AutomaticallyAfterDays: 1001 } })).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '1001' at 'rotationRules.automaticallyAfterDays' failed to satisfy constraint: Member must have value less than or equal to 1000",
    });
    await expect(sm.send(new RotateSecretCommand({ SecretId: name }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
  });

  it('turns rotation off with CancelRotateSecret, keeping the rules and naming the abandoned version', async () => {
    const { name } = await createSecret('cancelled');
    const { VersionId: pending } = await sm.send(
      new RotateSecretCommand({
        SecretId: name,
        RotationLambdaARN: LAMBDA_ARN,
        RotationRules: { ScheduleExpression: 'rate(10 days)' },
      }),
    );

    const cancelled = await sm.send(new CancelRotateSecretCommand({ SecretId: name }));

    expect(cancelled.VersionId).toBe(pending);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described).toMatchObject({ RotationEnabled: false, RotationRules: { ScheduleExpression: 'rate(10 days)' } });
    expect(described.NextRotationDate).toBeUndefined();
  });

  it('runs the rotation function after answering, as AWS runs the rotation Lambda', async () => {
    // Prepare: a rotation function doing createSecret and finishSecret against the emulator itself.
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let finished = () => {};
    const done = new Promise<void>((resolve) => (finished = resolve));
    const invokeFunction: InvokeFunction = async (_functionArn, { Step, SecretId: arn, ClientRequestToken }) => {
      if (Step === 'createSecret') {
        await gate;
        const { RandomPassword } = await client.send(new GetRandomPasswordCommand({ ExcludePunctuation: true }));
        await client.send(
          new PutSecretValueCommand({
            SecretId: arn,
            ClientRequestToken,
            SecretString: RandomPassword,
            VersionStages: ['AWSPENDING'],
          }),
        );
      }
      if (Step !== 'finishSecret') return;
      const { VersionIdsToStages = {} } = await client.send(new DescribeSecretCommand({ SecretId: arn }));
      const current = Object.keys(VersionIdsToStages).find((id) => VersionIdsToStages[id]?.includes('AWSCURRENT'));
      await client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: arn,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: ClientRequestToken,
          RemoveFromVersionId: current,
        }),
      );
    };
    const onEvent = ({ detail }: { detail: { eventName: string } }) => {
      if (detail.eventName === 'RotationSucceeded') finished();
    };
    const rotating = await startSecretsManager({ invokeFunction, onEvent });
    const client = clientFor(rotating.endpoint);
    try {
      const name = uniqueName('hooked');
      await client.send(new CreateSecretCommand({ Name: name, SecretString: 'before' }));

      // Act
      const { VersionId } = await client.send(
        new RotateSecretCommand({ SecretId: name, RotationLambdaARN: LAMBDA_ARN }),
      );

      // Assess
      expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('before');
      openGate();
      await done;
      const value = await client.send(new GetSecretValueCommand({ SecretId: name }));
      expect(value.VersionId).toBe(VersionId);
      expect(value.SecretString).toMatch(/^[A-Za-z0-9]{32}$/);
      expect((await client.send(new DescribeSecretCommand({ SecretId: name }))).LastRotatedDate).toBeInstanceOf(Date);
    } finally {
      client.destroy();
      await rotating.close();
    }
  });
});

describe('GetRandomPassword', () => {
  const draw = async (input: GetRandomPasswordCommandInput, count: number) =>
    Promise.all(
      Array.from(
        { length: count },
        async () => (await sm.send(new GetRandomPasswordCommand(input))).RandomPassword ?? '',
      ),
    );
  const classes = {
    lower: /[a-z]/,
    upper: /[A-Z]/,
    digit: /[0-9]/,
    punctuation: /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/,
    space: / /,
  };

  it('defaults to 32 characters with every type present', async () => {
    const passwords = await draw({}, 100);

    for (const password of passwords) {
      expect(password).toHaveLength(32);
      for (const type of [classes.lower, classes.upper, classes.digit, classes.punctuation])
        expect(password).toMatch(type);
      expect(password).not.toMatch(classes.space);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });

  it("draws punctuation from exactly AWS's set", async () => {
    const passwords = await draw(
      { ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, PasswordLength: 256 },
      10,
    );

    expect(new Set(passwords.join(''))).toEqual(new Set(PUNCTUATION));
  });

  it.each([
    ['ExcludeLowercase', classes.lower],
    ['ExcludeUppercase', classes.upper],
    ['ExcludeNumbers', classes.digit],
    ['ExcludePunctuation', classes.punctuation],
  ] as const)('honors %s over many draws', async (option, excluded) => {
    const passwords = await draw({ [option]: true, PasswordLength: 64 }, 50);

    for (const password of passwords) expect(password).not.toMatch(excluded);
  });

  it('honors ExcludeCharacters, IncludeSpace and PasswordLength', async () => {
    const passwords = await draw({ ExcludeCharacters: 'aeiouAEIOU0', IncludeSpace: true, PasswordLength: 100 }, 50);

    for (const password of passwords) {
      expect(password).toHaveLength(100);
      expect(password).not.toMatch(/[aeiouAEIOU0]/);
    }
    expect(passwords.some((password) => password.includes(' '))).toBe(true);
  });

  it('requires each included type by default and not when RequireEachIncludedType is false', async () => {
    const required = await draw({ PasswordLength: 4 }, 100);
    const optional = await draw({ PasswordLength: 4, RequireEachIncludedType: false }, 200);

    const complete = (password: string) =>
      [classes.lower, classes.upper, classes.digit, classes.punctuation].every((type) => type.test(password));
    expect(required.every(complete)).toBe(true);
    expect(optional.every(complete)).toBe(false);
  });

  it('refuses impossible requests', async () => {
    await expect(sm.send(new GetRandomPasswordCommand({ PasswordLength: 3 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      sm.send(
        new GetRandomPasswordCommand({
          ExcludeLowercase: true,
          ExcludeUppercase: true,
          ExcludeNumbers: true,
          ExcludePunctuation: true,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(sm.send(new GetRandomPasswordCommand({ PasswordLength: 4097 }))).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '4097' at 'passwordLength' failed to satisfy constraint: Member must have value less than or equal to 4096",
    });
  });
});

describe('ListSecrets', () => {
  const prefix = uniqueName('listed');
  const names: string[] = [];

  beforeAll(async () => {
    for (const [index, team] of ['red', 'red', 'blue', 'blue', 'green'].entries()) {
      const name = `${prefix}/${index}`;
      names.push(name);
      await sm.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: 'x',
          Description: `Credentials for team ${team}`,
          Tags: [{ Key: 'team', Value: team }, ...(index === 0 ? [{ Key: 'owner', Value: 'ops' }] : [])],
        }),
      );
    }
  });

  const list = async (input: ConstructorParameters<typeof ListSecretsCommand>[0]) =>
    (
      await sm.send(
        new ListSecretsCommand({ ...input, Filters: [{ Key: 'name', Values: [prefix] }, ...(input?.Filters ?? [])] }),
      )
    ).SecretList?.map((secret) => secret.Name ?? '').sort() ?? [];

  it('pages with MaxResults and NextToken until the token runs out', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sm.send(
        new ListSecretsCommand({ MaxResults: 2, NextToken, Filters: [{ Key: 'name', Values: [prefix] }] }),
      );
      sizes.push(page.SecretList?.length ?? 0);
      seen.push(...(page.SecretList ?? []).map((secret) => secret.Name ?? ''));
      NextToken = page.NextToken;
    } while (NextToken);

    expect(sizes).toEqual([2, 2, 1]);
    expect(seen.sort()).toEqual([...names].sort());
    await expect(sm.send(new ListSecretsCommand({ NextToken: 'not-a-token' }))).rejects.toMatchObject({
      name: 'InvalidNextTokenException',
    });
  });

  it('filters by name, tag key, tag value, description and words, with negation', async () => {
    expect(await list({})).toEqual([...names].sort());
    expect(await list({ Filters: [{ Key: 'tag-key', Values: ['own'] }] })).toEqual([names[0]]);
    expect(await list({ Filters: [{ Key: 'tag-value', Values: ['blue', 'green'] }] })).toEqual([
      names[2],
      names[3],
      names[4],
    ]);
    expect(await list({ Filters: [{ Key: 'tag-value', Values: ['!red'] }] })).toEqual([names[2], names[3], names[4]]);
    expect(await list({ Filters: [{ Key: 'description', Values: ['credentials FOR team g'] }] })).toEqual([names[4]]);
    expect(await list({ Filters: [{ Key: 'all', Values: ['GREEN'] }] })).toEqual([names[4]]);
    expect(await list({ Filters: [{ Key: 'name', Values: [`${prefix}/1`] }] })).toEqual([names[1]]);
  });

  it('returns the ListSecrets entry shape, with SecretVersionsToStages', async () => {
    const [entry] =
      (await sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [names[0] ?? ''] }] }))).SecretList ??
      [];

    expect(entry).toMatchObject({
      Name: names[0],
      Description: 'Credentials for team red',
      Tags: [
        { Key: 'team', Value: 'red' },
        { Key: 'owner', Value: 'ops' },
      ],
    });
    expect(Object.values(entry?.SecretVersionsToStages ?? {})).toEqual([['AWSCURRENT']]);
    expect(entry?.CreatedDate).toBeInstanceOf(Date);
  });

  it('rejects a filter key outside the model', async () => {
    await expect(
      sm.send(new ListSecretsCommand({ Filters: [{ Key: 'colour' as never, Values: ['x'] }] })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(
        "at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set",
      ),
    });
  });
});

describe('DeleteSecret and RestoreSecret', () => {
  it('schedules deletion, refuses the value meanwhile, and restores', async () => {
    // Prepare
    const { name } = await createSecret('deleted', 'kept');

    // Act
    const deleted = await sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));

    // Assess
    expect((deleted.DeletionDate?.getTime() ?? 0) - Date.now()).toBeGreaterThan(7 * DAY_MS - 60_000);
    await expect(sm.send(new GetSecretValueCommand({ SecretId: name }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: "You can't perform this operation on the secret because it was marked for deletion.",
    });
    expect((await sm.send(new DescribeSecretCommand({ SecretId: name }))).DeletedDate).toBeInstanceOf(Date);
    const listed = async (IncludePlannedDeletion: boolean) =>
      (await sm.send(new ListSecretsCommand({ IncludePlannedDeletion, Filters: [{ Key: 'name', Values: [name] }] })))
        .SecretList?.length;
    expect(await listed(false)).toBe(0);
    expect(await listed(true)).toBe(1);
    await expect(sm.send(new CreateSecretCommand({ Name: name, SecretString: 'x' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });

    await sm.send(new RestoreSecretCommand({ SecretId: name }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('kept');
    expect((await sm.send(new DescribeSecretCommand({ SecretId: name }))).DeletedDate).toBeUndefined();
  });

  it('defaults to a 30 day window and refuses windows outside 7-30 or combined with a forced deletion', async () => {
    const { name } = await createSecret('window');

    await expect(sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 6 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const deleted = await sm.send(new DeleteSecretCommand({ SecretId: name }));
    expect(Math.round(((deleted.DeletionDate?.getTime() ?? 0) - Date.now()) / DAY_MS)).toBe(30);
  });

  it('forgets a secret at once when forced, freeing the name for a secret with a new ARN', async () => {
    const { name, arn } = await createSecret('forced');

    await sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));

    await expect(sm.send(new DescribeSecretCommand({ SecretId: name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const recreated = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'again' }));
    expect(recreated.ARN).not.toBe(arn);
    await expect(sm.send(new GetSecretValueCommand({ SecretId: arn }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('tags and UpdateSecret', () => {
  it('adds, overwrites and removes tags', async () => {
    const { name } = await createSecret('tagged', 'x', { Tags: [{ Key: 'team', Value: 'red' }] });

    await sm.send(
      new TagResourceCommand({
        SecretId: name,
        Tags: [
          { Key: 'team', Value: 'blue' },
          { Key: 'tier', Value: '1' },
        ],
      }),
    );
    await sm.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['tier', 'absent'] }));

    expect((await sm.send(new DescribeSecretCommand({ SecretId: name }))).Tags).toEqual([
      { Key: 'team', Value: 'blue' },
    ]);
  });

  it('updates the description and key in place and a new value as a new AWSCURRENT version', async () => {
    const { name, versionId } = await createSecret('updated', 'v1', { Description: 'before' });

    const updated = await sm.send(
      new UpdateSecretCommand({ SecretId: name, Description: 'after', KmsKeyId: 'alias/custom', SecretString: 'v2' }),
    );

    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described).toMatchObject({ Description: 'after', KmsKeyId: 'alias/custom' });
    expect(described.VersionIdsToStages).toEqual({
      [versionId]: ['AWSPREVIOUS'],
      [updated.VersionId ?? '']: ['AWSCURRENT'],
    });
    const metadataOnly = await sm.send(new UpdateSecretCommand({ SecretId: name, KmsKeyId: '' }));
    expect(metadataOnly.VersionId).toBeUndefined();
    expect((await sm.send(new DescribeSecretCommand({ SecretId: name }))).KmsKeyId).toBeUndefined();
  });
});

describe('errors on the wire', () => {
  const post = (target: string, body: string, headers = signedHeaders(target)) =>
    fetch(emulator.endpoint, { method: 'POST', headers, body });

  it('answers an unknown secret with ResourceNotFoundException and HTTP 400', async () => {
    await expect(sm.send(new GetSecretValueCommand({ SecretId: uniqueName('missing') }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers malformed JSON with a SerializationException, not a crash', async () => {
    const response = await post(
      'secretsmanager.GetSecretValue',
      '{"SecretId": "abc", "SecretString": "do-not-echo-this',
    );

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ __type: 'SerializationException' });
    expect(body).not.toContain('do-not-echo-this');
    expect((await sm.send(new GetRandomPasswordCommand({}))).RandomPassword).toHaveLength(32);
  });

  it('requires a signature, as AWS does', async () => {
    const response = await post('secretsmanager.ListSecrets', '{}', {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.ListSecrets',
    } as never);

    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      '{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}',
    );
  });

  it('refuses a signature scoped to another Region', async () => {
    const headers = signedHeaders('secretsmanager.ListSecrets');
    headers.authorization = headers.authorization.replace('us-east-1', 'eu-west-1');

    const response = await post('secretsmanager.ListSecrets', '{}', headers);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'InvalidSignatureException' });
  });

  it('answers an unknown operation like AWS, with a bare UnknownOperationException', async () => {
    const response = await post('secretsmanager.FlySecret', '{}');

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: 'UnknownOperationException' });
  });

  it('lists every missing or broken member in one ValidationException and never echoes a secret value', async () => {
    const response = await post(
      'secretsmanager.PutSecretValue',
      JSON.stringify({ SecretString: 'x'.repeat(65537), VersionStages: [] }),
    );

    const body = (await response.json()) as { __type: string; message: string };
    expect(body.__type).toBe('ValidationException');
    expect(body.message).toBe(
      "3 validation errors detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null; " +
        "Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536; " +
        "Value '[]' at 'versionStages' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});

describe('persistence', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'secrets-manager-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('keeps secrets, versions and labels across a restart with the same data file, in a 0600 file', async () => {
    // Prepare
    const dataFile = join(directory, 'nested', 'secrets.json');
    const first = await startSecretsManager({ dataFile });
    const before = clientFor(first.endpoint);
    const created = await before.send(
      new CreateSecretCommand({ Name: 'persisted', SecretString: 'v1', Tags: [{ Key: 'k', Value: 'v' }] }),
    );
    const pending = await before.send(
      new PutSecretValueCommand({ SecretId: 'persisted', SecretString: 'v2', VersionStages: ['AWSPENDING'] }),
    );
    before.destroy();
    await first.close();

    // Act
    const second = await startSecretsManager({ dataFile });
    const after = clientFor(second.endpoint);
    try {
      // Assess
      const current = await after.send(new GetSecretValueCommand({ SecretId: created.ARN }));
      expect(current).toMatchObject({ SecretString: 'v1', VersionId: created.VersionId });
      expect(
        (await after.send(new GetSecretValueCommand({ SecretId: 'persisted', VersionStage: 'AWSPENDING' }))).VersionId,
      ).toBe(pending.VersionId);
      expect((await after.send(new DescribeSecretCommand({ SecretId: 'persisted' }))).Tags).toEqual([
        { Key: 'k', Value: 'v' },
      ]);
      expect((await stat(dataFile)).mode & 0o777).toBe(0o600);
      expect(await readdir(join(directory, 'nested'))).toEqual(['secrets.json']);
    } finally {
      after.destroy();
      await second.close();
    }
  });

  it('drops secrets whose recovery window ended while it was stopped', async () => {
    const dataFile = join(directory, 'expiring.json');
    const first = await startSecretsManager({ dataFile });
    const client = clientFor(first.endpoint);
    await client.send(new CreateSecretCommand({ Name: 'expiring', SecretString: 'x' }));
    await client.send(new DeleteSecretCommand({ SecretId: 'expiring', RecoveryWindowInDays: 7 }));
    client.destroy();
    await first.close();
    const data = JSON.parse(await readFile(dataFile, 'utf8')) as { secrets: { deletionDate: number }[] };
    for (const secret of data.secrets) secret.deletionDate = Date.now() - 1000;
    await writeFile(dataFile, JSON.stringify(data));

    const second = await startSecretsManager({ dataFile });
    const again = clientFor(second.endpoint);
    try {
      await expect(again.send(new DescribeSecretCommand({ SecretId: 'expiring' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
    } finally {
      again.destroy();
      await second.close();
    }
  });

  it('refuses to start on a broken data file without quoting its content', async () => {
    const dataFile = join(directory, 'broken.json');
    await writeFile(dataFile, '{"format":"secrets-manager-local/1","secrets":[{"secretString":"hunter2"');

    const start = startSecretsManager({ dataFile });

    await expect(start).rejects.toThrow(/is not valid JSON/);
    await expect(start).rejects.not.toThrow(/hunter2/);
  });
});

describe('the standalone CLI', () => {
  it('prints its endpoint, serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(NODE, [CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
        child.once('error', reject);
      });
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = clientFor(endpoint);
      expect((await client.send(new GetRandomPasswordCommand({}))).RandomPassword).toHaveLength(32);
      client.destroy();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

describe('the AWS CLI v2', () => {
  const run = async (args: string[]) => {
    const { stdout } = await promisify(execFile)(
      AWS_CLI,
      ['secretsmanager', ...args, '--endpoint-url', emulator.endpoint, '--output', 'json'],
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

  it('reads, describes, lists and generates passwords through the emulator', async (context) => {
    if (!existsSync(AWS_CLI)) context.skip(`AWS CLI v2 not installed at ${AWS_CLI}`);
    // Prepare
    const { name, arn, versionId } = await createSecret('cli', 'current-value', {
      Tags: [{ Key: 'via', Value: 'cli' }],
    });
    const { VersionId: pendingId } = await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'pending-value', VersionStages: ['AWSPENDING'] }),
    );

    // Act
    const pending = await run(['get-secret-value', '--secret-id', name, '--version-stage', 'AWSPENDING']);
    const described = await run(['describe-secret', '--secret-id', arn]);
    const listed = await run(['list-secrets', '--filters', `Key=name,Values=${name}`]);
    const password = await run([
      'get-random-password',
      '--password-length',
      '24',
      '--exclude-punctuation',
      '--require-each-included-type',
    ]);

    // Assess
    expect(pending).toMatchObject({
      ARN: arn,
      Name: name,
      VersionId: pendingId,
      SecretString: 'pending-value',
      VersionStages: ['AWSPENDING'],
    });
    expect(described).toMatchObject({
      ARN: arn,
      Tags: [{ Key: 'via', Value: 'cli' }],
      VersionIdsToStages: { [versionId]: ['AWSCURRENT'], [pendingId ?? '']: ['AWSPENDING'] },
    });
    expect(listed.SecretList).toEqual([expect.objectContaining({ Name: name, ARN: arn })]);
    expect(password.RandomPassword).toMatch(/^[A-Za-z0-9]{24}$/);
  });
});
