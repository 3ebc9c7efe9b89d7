import type { SecretsManagerEvent } from '../events.ts';
import type { SecretStore } from '../store.ts';

/** The four steps AWS invokes a rotation function for, in order. */
export const ROTATION_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

/** One of the rotation function's steps. */
export type RotationStep = (typeof ROTATION_STEPS)[number];

/**
 * The event AWS sends the rotation Lambda at each step (SecretId is the secret's ARN).
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda.html
 */
export interface RotationStepEvent {
  Step: RotationStep;
  SecretId: string;
  ClientRequestToken: string;
}

/** Invokes the Lambda function `functionArn` synchronously; rejects when the function fails, as Invoke reports it. */
export type InvokeFunction = (functionArn: string, event: RotationStepEvent) => Promise<unknown>;

/** What an operation works against; `now` is read once per request so one request sees one time. */
export interface Context {
  store: SecretStore;
  region: string;
  accountId: string;
  now: number;
  /** Without it nothing runs the rotation function; a caller then plays its part by hand. */
  invokeFunction?: InvokeFunction;
  /** Records an event AWS would log to CloudTrail and deliver to EventBridge. */
  emit: (event: SecretsManagerEvent) => void;
  /** Writes the store to disk (for changes made after the response, by a rotation run). */
  persist: () => Promise<void>;
}

/** An operation's answer: the response body, whether the store changed, and work to start once the response is out. */
export interface Result {
  output: Record<string, unknown>;
  mutated: boolean;
  afterResponse?: () => Promise<void>;
}

/** An operation handler over its validated input. */
export type Handler<I> = (input: I, context: Context) => Result;
