/**
 * A rotation as Secrets Manager runs it once RotateSecret has answered: it invokes the secret's
 * rotation function once per step (createSecret, setSecret, testSecret, finishSecret), stops at
 * the first step that fails, and then holds the function to the contract in the RotateSecret API
 * reference: the versions must end with AWSPENDING on AWSCURRENT's version or on none. Anything
 * else is a failed rotation: the labels stay as the function left them, so the next RotateSecret
 * is refused ("A previous rotation isn't complete"), LastRotatedDate does not move, and the event
 * is RotationFailed instead of RotationSucceeded.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_how.html
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda.html
 */
import { rotationEvent, type RotationEventName } from '../events.ts';
import { AWSCURRENT, AWSPENDING, type SecretRecord } from '../records.ts';
import { nextRotationDate } from '../schedule.ts';
import { holderOf } from '../staging.ts';
import { type Context, type InvokeFunction, ROTATION_STEPS } from './context.ts';

/** Secrets whose rotation function is running, so a retried RotateSecret does not start a second run. */
const running = new WeakSet<SecretRecord>();

/**
 * Runs the rotation function and judges the result, unless a run is already under way for this
 * secret (a retried RotateSecret joins it); resolves once the outcome is recorded and on disk.
 */
export async function runRotation(secret: SecretRecord, token: string, invoke: InvokeFunction, context: Context) {
  if (running.has(secret)) return;
  running.add(secret);
  try {
    record('RotationStarted', secret, context, Date.now());
    await invokeSteps(secret, token, invoke, context);
  } finally {
    running.delete(secret);
  }
}

async function invokeSteps(secret: SecretRecord, token: string, invoke: InvokeFunction, context: Context) {
  const lambdaArn = secret.rotation?.lambdaArn;
  if (!lambdaArn) return;
  let failure: string | undefined;
  for (const step of ROTATION_STEPS) {
    // CancelRotateSecret (or deleting the secret) ends the run; AWS logs the cancellation as that API call.
    if (!stillRotating(secret, context)) return;
    try {
      await invoke(lambdaArn, { Step: step, SecretId: secret.arn, ClientRequestToken: token });
    } catch (error) {
      failure = `step ${step} failed: ${(error as Error)?.message ?? error}`;
      break;
    }
  }
  if (!stillRotating(secret, context)) return;
  failure ??= labelsLeftWrong(secret);

  const now = Date.now();
  const rotation = secret.rotation;
  if (failure) {
    process.stderr.write(`secrets-manager: rotation of ${secret.arn} failed: ${failure}\n`);
    record('RotationFailed', secret, context, now);
  } else if (rotation) {
    // "Secrets Manager schedules the next rotation when the previous one is complete."
    rotation.lastRotatedDate = now;
    if (rotation.rules) rotation.nextRotationDate = nextRotationDate(rotation.rules, now);
    delete rotation.pendingVersionId;
    record('RotationSucceeded', secret, context, now);
  }
  await context.persist();
}

/** Why the labels break the contract, or undefined when they are in one of the two allowed states. */
function labelsLeftWrong(secret: SecretRecord): string | undefined {
  const pending = holderOf(secret, AWSPENDING);
  if (!pending || pending === holderOf(secret, AWSCURRENT)) return undefined;
  return (
    `the function ended with AWSPENDING on version ${pending.versionId}, which is not AWSCURRENT's; ` +
    'AWS requires AWSPENDING on the AWSCURRENT version or on no version, and refuses the next RotateSecret'
  );
}

function stillRotating(secret: SecretRecord, { store }: Context): boolean {
  return store.find(secret.arn) === secret && secret.deletedDate === undefined && secret.rotation?.enabled === true;
}

/** Records the event AWS would emit for this secret. */
export function record(eventName: RotationEventName, secret: SecretRecord, context: Context, now: number): void {
  context.emit(rotationEvent(eventName, secret.arn, { region: context.region, accountId: context.accountId, now }));
}
