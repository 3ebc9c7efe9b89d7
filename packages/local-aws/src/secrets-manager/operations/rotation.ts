/**
 * RotateSecret and CancelRotateSecret. Starting a rotation records the configuration, turns
 * rotation on and puts AWSPENDING on a new, empty version whose id is the ClientRequestToken (a
 * failed rotation can leave "AWSPENDING attached to an empty secret version", as the RotateSecret
 * reference says). Then, after answering, the stand-in invokes the rotation function step by step
 * through the `invokeFunction` hook and judges the outcome (rotation-run.ts). Without the hook the
 * caller plays the function by hand, and the rotation counts as done when AWSCURRENT reaches the
 * version it started (rotation-state.ts).
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html
 */
import { randomUUID } from 'node:crypto';
import { invalidRequest } from '../errors.ts';
import type { Input } from '../model.ts';
import { AWSCURRENT, AWSPENDING, type SecretRecord } from '../records.ts';
import { checkRotationRules, nextRotationDate } from '../schedule.ts';
import { holderOf, moveLabel, versionById } from '../staging.ts';
import type { Context, Handler, Result } from './context.ts';
import { newVersion } from './new-version.ts';
import { record, runRotation } from './rotation-run.ts';

/** Configures rotation and, unless RotateImmediately is false, starts one. */
export const rotateSecret: Handler<Input<'RotateSecret'>> = (input, context) => {
  const { store, now } = context;
  const secret = store.getActive(input.SecretId);
  if (input.RotationRules) checkRotationRules(input.RotationRules, now);
  const lambdaArn = input.RotationLambdaARN || secret.rotation?.lambdaArn;
  if (!lambdaArn) {
    throw invalidRequest(
      "You tried to enable rotation on a secret that doesn't already have a Lambda function ARN configured and " +
        "you didn't include such an ARN as a parameter in this call.",
    );
  }
  const immediately = input.RotateImmediately !== false;
  const token = input.ClientRequestToken ?? randomUUID();
  const retry = immediately && isRetry(secret, token);

  secret.rotation ??= { enabled: true };
  const rotation = secret.rotation;
  rotation.enabled = true;
  rotation.lambdaArn = lambdaArn;
  if (input.RotationRules) {
    // Only the model's members: whatever else a caller sent is not ours to store and echo.
    const { AutomaticallyAfterDays, Duration, ScheduleExpression } = input.RotationRules;
    rotation.rules = { AutomaticallyAfterDays, Duration, ScheduleExpression };
  }
  if (rotation.rules) rotation.nextRotationDate = nextRotationDate(rotation.rules, now);
  secret.lastChangedDate = now;
  // RotateImmediately=false only records the schedule; AWS's test run of the function leaves nothing behind.
  if (!immediately) return { output: { ARN: secret.arn, Name: secret.name }, mutated: true };

  if (!retry) {
    const version = newVersion(token, undefined, now);
    secret.versions.push(version);
    moveLabel(secret, AWSPENDING, version);
    // Only a rotation played by hand completes by AWSCURRENT reaching it; a run is judged when it ends.
    if (!context.invokeFunction) rotation.pendingVersionId = token;
  }
  return {
    output: { ARN: secret.arn, Name: secret.name, VersionId: token },
    mutated: true,
    afterResponse: startRotation(secret, token, context),
  };
};

/**
 * Whether this RotateSecret retries the rotation under way; refuses to start a second one while
 * AWSPENDING sits on a version other than AWSCURRENT's, and refuses a token that is already a version.
 */
function isRetry(secret: SecretRecord, token: string): boolean {
  const pending = holderOf(secret, AWSPENDING);
  if (pending && pending !== holderOf(secret, AWSCURRENT)) {
    if (pending.versionId === token) return true;
    throw invalidRequest("A previous rotation isn't complete. That rotation will be reattempted.");
  }
  if (versionById(secret, token)) {
    throw invalidRequest(
      `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ` +
        `${secret.arn}.`,
    );
  }
  return false;
}

/** Like AWS, the rotation starts after RotateSecret has answered. */
function startRotation(secret: SecretRecord, token: string, context: Context): Result['afterResponse'] {
  const { invokeFunction } = context;
  if (!invokeFunction) return async () => record('RotationStarted', secret, context, Date.now());
  return () => runRotation(secret, token, invokeFunction, context);
}

/**
 * Turns rotation off and abandons a rotation in progress. The labels stay where they are (AWS
 * leaves cleaning up AWSPENDING to the caller); the answer names the abandoned version.
 */
export const cancelRotateSecret: Handler<Input<'CancelRotateSecret'>> = (input, { store, now }) => {
  const secret = store.getActive(input.SecretId);
  const pending = holderOf(secret, AWSPENDING);
  const abandoned = pending && pending !== holderOf(secret, AWSCURRENT) ? pending.versionId : undefined;
  if (secret.rotation) {
    secret.rotation.enabled = false;
    delete secret.rotation.nextRotationDate;
    delete secret.rotation.pendingVersionId;
    secret.lastChangedDate = now;
  }
  return {
    output: { ARN: secret.arn, Name: secret.name, VersionId: abandoned },
    mutated: secret.rotation !== undefined,
  };
};
