import { randomUUID } from 'node:crypto';
import { invalidParameter } from '../errors.ts';
import type { SecretValue, VersionRecord } from '../records.ts';

/** The value a Create/Put/UpdateSecret request carries; both kinds at once is refused, as by AWS. */
export function secretValueOf(input: { SecretString?: string; SecretBinary?: string }): SecretValue | undefined {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
    throw invalidParameter(
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (input.SecretString !== undefined) return { secretString: input.SecretString };
  if (input.SecretBinary !== undefined) return { secretBinary: input.SecretBinary };
  return undefined;
}

/** A new, unlabelled version; the SDKs always send a ClientRequestToken, raw callers may not. */
export function newVersion(token: string | undefined, value: SecretValue | undefined, now: number): VersionRecord {
  return { versionId: token ?? randomUUID(), ...value, stages: [], createdDate: now };
}
