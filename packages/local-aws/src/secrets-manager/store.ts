import { parseSecretArn } from './arn.ts';
import { markedForDeletion, secretNotFound } from './errors.ts';
import type { SecretRecord } from './records.ts';

/**
 * The secrets of one account and Region, found the ways the service accepts a SecretId: by name,
 * by complete ARN, or by partial ARN (the ARN without its random suffix). Names are unique, also
 * across secrets scheduled for deletion, as in AWS.
 */
export class SecretStore {
  readonly #byName = new Map<string, SecretRecord>();
  readonly #region: string;
  readonly #accountId: string;

  constructor(scope: { region: string; accountId: string }, records: readonly SecretRecord[] = []) {
    this.#region = scope.region;
    this.#accountId = scope.accountId;
    for (const record of records) this.#byName.set(record.name, record);
  }

  /** The secret a SecretId names, whatever its state. */
  find(secretId: string): SecretRecord | undefined {
    const arn = parseSecretArn(secretId);
    if (!arn) return this.#byName.get(secretId);
    for (const secret of this.#byName.values()) if (secret.arn === secretId) return secret;
    if (arn.region !== this.#region || arn.accountId !== this.#accountId) return undefined;
    return this.#byName.get(arn.resource);
  }

  /** For operations that also work on a secret scheduled for deletion (DescribeSecret, RestoreSecret). */
  get(secretId: string): SecretRecord {
    const secret = this.find(secretId);
    if (!secret) throw secretNotFound();
    return secret;
  }

  /** For every operation AWS refuses while a secret is scheduled for deletion. */
  getActive(secretId: string): SecretRecord {
    const secret = this.get(secretId);
    if (secret.deletedDate !== undefined) throw markedForDeletion();
    return secret;
  }

  /** By exact name, for CreateSecret's uniqueness check. */
  byName(name: string): SecretRecord | undefined {
    return this.#byName.get(name);
  }

  /** Registers a new secret under its name. */
  add(secret: SecretRecord): void {
    this.#byName.set(secret.name, secret);
  }

  /** Forgets a secret at once (ForceDeleteWithoutRecovery), freeing its name. */
  remove(secret: SecretRecord): void {
    this.#byName.delete(secret.name);
  }

  /** Every secret, in creation order; also what gets persisted. */
  all(): SecretRecord[] {
    return [...this.#byName.values()];
  }

  /** Removes secrets whose recovery window has ended, which AWS does in the background; true if any went. */
  purgeExpired(now: number): boolean {
    let purged = false;
    for (const secret of this.#byName.values()) {
      if (secret.deletionDate !== undefined && secret.deletionDate <= now) {
        this.#byName.delete(secret.name);
        purged = true;
      }
    }
    return purged;
  }
}
