/**
 * The rotation contract as AWS documents it (docs/secrets-manager-rotation.md): the stand-in
 * invokes the rotation function step by step, judges the labels it leaves, records the events AWS
 * would emit, and refuses the next RotateSecret after a rotation that did not complete.
 */
import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RotateSecretCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type LocalSecretsManager,
  type RotationStep,
  type RotationStepEvent,
  type SecretsManagerEvent,
  startSecretsManager,
} from '../src/secrets-manager/server.ts';

const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:rotate-credentials';
const DAY_MS = 24 * 60 * 60 * 1000;
const NOT_COMPLETE = "A previous rotation isn't complete. That rotation will be reattempted.";

/** How the test rotation function ends its finishSecret step. */
type Finish = 'move-current' | 'remove-pending' | 'leave-pending';

/** What the next rotation function does; each test sets it before rotating. */
interface Behaviour {
  finish: Finish;
  /** Labels added next to AWSPENDING on the new version (custom labels are the caller's to use). */
  extraLabels?: string[];
  /** A step that throws, as a function whose invocation errors. */
  failAt?: RotationStep;
  /** Awaited before this step runs. */
  holdAt?: { step: RotationStep; until: Promise<void> };
}

let server: LocalSecretsManager;
let sm: SecretsManagerClient;
let behaviour: Behaviour = { finish: 'move-current' };
const invocations: Array<{ functionArn: string; event: RotationStepEvent }> = [];

/** A rotation function in the shape of AWS's template, against the stand-in itself. */
async function rotationFunction(functionArn: string, event: RotationStepEvent): Promise<void> {
  invocations.push({ functionArn, event });
  const { Step, SecretId, ClientRequestToken } = event;
  const { failAt, holdAt, finish, extraLabels = [] } = behaviour;
  if (holdAt?.step === Step) await holdAt.until;
  if (failAt === Step) throw new Error(`${Step} could not reach the service`);
  if (Step === 'createSecret') {
    try {
      await sm.send(new GetSecretValueCommand({ SecretId, VersionId: ClientRequestToken, VersionStage: 'AWSPENDING' }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      const { RandomPassword } = await sm.send(new GetRandomPasswordCommand({ ExcludePunctuation: true }));
      await sm.send(
        new PutSecretValueCommand({
          SecretId,
          ClientRequestToken,
          SecretString: RandomPassword,
          VersionStages: ['AWSPENDING', ...extraLabels],
        }),
      );
    }
  }
  if (Step !== 'finishSecret') return;
  if (finish === 'move-current') {
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: ClientRequestToken,
        RemoveFromVersionId: await currentVersion(SecretId),
      }),
    );
  }
  if (finish === 'remove-pending') {
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId,
        VersionStage: 'AWSPENDING',
        RemoveFromVersionId: ClientRequestToken,
      }),
    );
  }
}

beforeAll(async () => {
  server = await startSecretsManager({ invokeFunction: rotationFunction });
  sm = new SecretsManagerClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  sm?.destroy();
  await server?.close();
});

async function currentVersion(secretId: string): Promise<string | undefined> {
  const { VersionIdsToStages = {} } = await sm.send(new DescribeSecretCommand({ SecretId: secretId }));
  return Object.keys(VersionIdsToStages).find((id) => VersionIdsToStages[id]?.includes('AWSCURRENT'));
}

async function createSecret(prefix: string) {
  const name = `${prefix}-${randomUUID().slice(0, 8)}`;
  const created = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'first' }));
  return { name, arn: created.ARN ?? '', original: created.VersionId ?? '' };
}

/** The rotation event names recorded for one secret, oldest first. */
const eventsOf = (arn: string) =>
  server
    .events()
    .filter((event) => event.detail.additionalEventData.SecretId === arn)
    .map((event) => event.detail.eventName);

/** Starts a rotation and waits until the stand-in has judged it. */
async function rotate(arn: string, input: Partial<ConstructorParameters<typeof RotateSecretCommand>[0]> = {}) {
  const before = eventsOf(arn).length;
  const { VersionId } = await sm.send(
    new RotateSecretCommand({
      SecretId: arn,
      RotationLambdaARN: LAMBDA_ARN,
      RotationRules: { AutomaticallyAfterDays: 30 },
      ...input,
    }),
  );
  await vi.waitFor(() => expect(eventsOf(arn).slice(before).at(-1)).toMatch(/^Rotation(Succeeded|Failed)$/), {
    timeout: 10_000,
    interval: 10,
  });
  return VersionId ?? '';
}

const stepsFor = (token: string) =>
  invocations.filter(({ event }) => event.ClientRequestToken === token).map(({ event }) => event.Step);

describe('a rotation function that ends in an allowed state', () => {
  it('is invoked once per step with the event AWS sends, and its rotation succeeds', async () => {
    behaviour = { finish: 'move-current' };
    const { arn, original } = await createSecret('moves-current');

    const token = await rotate(arn);

    expect(invocations.filter(({ event }) => event.ClientRequestToken === token)).toEqual(
      ['createSecret', 'setSecret', 'testSecret', 'finishSecret'].map((Step) => ({
        functionArn: LAMBDA_ARN,
        event: { Step, SecretId: arn, ClientRequestToken: token },
      })),
    );
    expect(eventsOf(arn)).toEqual(['RotationStarted', 'RotationSucceeded']);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: arn }));
    expect(described.VersionIdsToStages).toEqual({
      [original]: ['AWSPREVIOUS'],
      [token]: ['AWSPENDING', 'AWSCURRENT'],
    });
    // AWSPENDING on AWSCURRENT's version is a finished rotation: the next one may start.
    behaviour = { finish: 'remove-pending' };
    expect(eventsOf(arn).length).toBe(2);
    await expect(rotate(arn)).resolves.toMatch(/^[0-9a-f-]{36}$/);
    expect(eventsOf(arn)).toEqual(['RotationStarted', 'RotationSucceeded', 'RotationStarted', 'RotationSucceeded']);
  });

  it('may keep a custom label on the new version once AWSPENDING is off it, and sets both rotation dates', async () => {
    // What the product's rotation will do: the new password waits under OA_PENDING for a person.
    behaviour = { finish: 'remove-pending', extraLabels: ['OA_PENDING'] };
    const { arn, original } = await createSecret('custom-label');

    const token = await rotate(arn);

    expect(eventsOf(arn)).toEqual(['RotationStarted', 'RotationSucceeded']);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: arn }));
    expect(described.VersionIdsToStages).toEqual({ [original]: ['AWSCURRENT'], [token]: ['OA_PENDING'] });
    expect((await sm.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString).toBe('first');
    const rotatedAt = described.LastRotatedDate?.getTime() ?? 0;
    expect(Math.abs(rotatedAt - Date.now())).toBeLessThan(60_000);
    // The next window is the whole UTC day 30 days after the rotation; NextRotationDate is its last second.
    expect(described.NextRotationDate?.getTime()).toBe(Math.floor(rotatedAt / DAY_MS) * DAY_MS + 31 * DAY_MS - 1000);
    const { SecretList = [] } = await sm.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [described.Name ?? ''] }] }),
    );
    expect(SecretList[0]).toMatchObject({
      LastRotatedDate: described.LastRotatedDate,
      NextRotationDate: described.NextRotationDate,
    });
  });

  it('records each event as EventBridge delivers a CloudTrail service event', async () => {
    behaviour = { finish: 'move-current' };
    const { arn } = await createSecret('event-shape');

    await rotate(arn);

    const events = server.events().filter((event) => event.detail.additionalEventData.SecretId === arn);
    const expected: Partial<SecretsManagerEvent> = {
      'detail-type': 'AWS Service Event via CloudTrail',
      source: 'aws.secretsmanager',
      account: '000000000000',
      region: 'us-east-1',
    };
    for (const event of events) {
      expect(event).toMatchObject(expected);
      expect(event.detail).toMatchObject({
        eventSource: 'secretsmanager.amazonaws.com',
        eventType: 'AwsServiceEvent',
        awsRegion: 'us-east-1',
        recipientAccountId: '000000000000',
        additionalEventData: { SecretId: arn },
      });
      expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });
});

describe('a rotation function that leaves AWSPENDING on another version', () => {
  it('is a failed rotation: RotationFailed, no LastRotatedDate, and RotateSecret refused as AWS refuses it', async () => {
    // The deliberately wrong function: finishSecret moves no label.
    behaviour = { finish: 'leave-pending', extraLabels: ['OA_PENDING'] };
    const { arn, original } = await createSecret('leaves-pending');

    const token = await rotate(arn);

    expect(stepsFor(token)).toEqual(['createSecret', 'setSecret', 'testSecret', 'finishSecret']);
    expect(eventsOf(arn)).toEqual(['RotationStarted', 'RotationFailed']);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: arn }));
    expect(described.VersionIdsToStages).toEqual({ [original]: ['AWSCURRENT'], [token]: ['AWSPENDING', 'OA_PENDING'] });
    expect(described.LastRotatedDate).toBeUndefined();
    await expect(sm.send(new RotateSecretCommand({ SecretId: arn }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: NOT_COMPLETE,
    });
    expect(eventsOf(arn)).toEqual(['RotationStarted', 'RotationFailed']);
  });

  it('can be reattempted under the same token, and a corrected function then completes it', async () => {
    behaviour = { finish: 'leave-pending' };
    const { arn } = await createSecret('reattempted');
    const token = await rotate(arn);

    behaviour = { finish: 'move-current' };
    await rotate(arn, { ClientRequestToken: token });

    expect(eventsOf(arn)).toEqual(['RotationStarted', 'RotationFailed', 'RotationStarted', 'RotationSucceeded']);
    expect(await currentVersion(arn)).toBe(token);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: arn }))).LastRotatedDate).toBeInstanceOf(Date);
  });
});

describe('a rotation function that fails a step', () => {
  it('is not invoked for the later steps, fails the rotation and blocks the next one', async () => {
    behaviour = { finish: 'move-current', failAt: 'setSecret' };
    const { arn, original } = await createSecret('throws');

    const token = await rotate(arn);

    expect(stepsFor(token)).toEqual(['createSecret', 'setSecret']);
    expect(eventsOf(arn)).toEqual(['RotationStarted', 'RotationFailed']);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: arn }));
    expect(described.VersionIdsToStages).toEqual({ [original]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
    expect(described.LastRotatedDate).toBeUndefined();
    await expect(sm.send(new RotateSecretCommand({ SecretId: arn }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: NOT_COMPLETE,
    });
  });

  it('leaves AWSPENDING on an empty version when createSecret fails', async () => {
    behaviour = { finish: 'move-current', failAt: 'createSecret' };
    const { arn } = await createSecret('create-fails');

    const token = await rotate(arn);

    expect(eventsOf(arn)).toEqual(['RotationStarted', 'RotationFailed']);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: arn }))).VersionIdsToStages?.[token]).toEqual([
      'AWSPENDING',
    ]);
    await expect(
      sm.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: 'AWSPENDING' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('CancelRotateSecret during a rotation', () => {
  it('stops invoking the function, and AWSPENDING left behind blocks rotation until removed', async () => {
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    behaviour = { finish: 'move-current', holdAt: { step: 'setSecret', until } };
    const { arn, original } = await createSecret('cancelled');
    const { VersionId: token = '' } = await sm.send(
      new RotateSecretCommand({ SecretId: arn, RotationLambdaARN: LAMBDA_ARN }),
    );
    await vi.waitFor(() => expect(stepsFor(token)).toEqual(['createSecret', 'setSecret']), { interval: 10 });

    const cancelled = await sm.send(new CancelRotateSecretCommand({ SecretId: arn }));
    release();

    expect(cancelled.VersionId).toBe(token);
    await vi.waitFor(() => expect(server.events().length).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stepsFor(token)).toEqual(['createSecret', 'setSecret']);
    expect(eventsOf(arn)).toEqual(['RotationStarted']);
    expect(await currentVersion(arn)).toBe(original);
    // "Failing to clean up a cancelled rotation can block you from starting future rotations."
    await expect(
      sm.send(new RotateSecretCommand({ SecretId: arn, RotationLambdaARN: LAMBDA_ARN })),
    ).rejects.toMatchObject({ name: 'InvalidRequestException', message: NOT_COMPLETE });
    await sm.send(
      new UpdateSecretVersionStageCommand({ SecretId: arn, VersionStage: 'AWSPENDING', RemoveFromVersionId: token }),
    );
    behaviour = { finish: 'move-current' };
    const next = await rotate(arn);
    expect(await currentVersion(arn)).toBe(next);
    expect(eventsOf(arn)).toEqual(['RotationStarted', 'RotationStarted', 'RotationSucceeded']);
  });
});
