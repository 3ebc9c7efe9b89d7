import type { SecretStore } from '../store.ts';

/** What a rotation function is told, mirroring the event AWS sends a rotation Lambda (the ARN is its SecretId). */
export interface RotationRequest {
  arn: string;
  name: string;
  clientRequestToken: string;
}

/** Runs a rotation function, since the emulator cannot invoke one itself. */
export type RotateHook = (info: RotationRequest) => Promise<void>;

/** What an operation works against; `now` is read once per request so one request sees one time. */
export interface Context {
  store: SecretStore;
  region: string;
  accountId: string;
  now: number;
  onRotate?: RotateHook;
}

/** An operation's answer: the response body, whether the store changed, and work to start once the response is out. */
export interface Result {
  output: Record<string, unknown>;
  mutated: boolean;
  afterResponse?: () => Promise<void>;
}

/** An operation handler over its validated input. */
export type Handler<I> = (input: I, context: Context) => Result;
