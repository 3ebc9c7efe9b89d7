/**
 * The buckets and object versions of the S3 stand-in, in memory and, given a data directory, on disk.
 * Changes are applied one at a time (so a conditional write's check and its write cannot interleave
 * with another's) and take effect in memory only once they are on disk.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { errors } from './errors.ts';
import type { Bucket, ObjectVersion } from './model.ts';
import { Persistence } from './persistence.ts';

interface BucketState {
  bucket: Bucket;
  /** Per key, its versions newest first. */
  keys: Map<string, ObjectVersion[]>;
  nextSeq: number;
}

/** A fresh version id in S3's shape: 32 URL-safe characters. */
export function newVersionId(): string {
  return randomBytes(24).toString('base64url').slice(0, 32);
}

/** The buckets of one server. */
export class Store {
  readonly #buckets = new Map<string, BucketState>();
  readonly #bodies = new Map<string, Buffer>();
  readonly #disk: Persistence | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(disk: Persistence | undefined) {
    this.#disk = disk;
  }

  /** A store, with what the data directory holds when there is one. */
  static async open(dataDir: string | undefined): Promise<Store> {
    const store = new Store(dataDir ? new Persistence(dataDir) : undefined);
    for (const { bucket, versions } of (await store.#disk?.load()) ?? []) {
      const state: BucketState = { bucket, keys: new Map(), nextSeq: 1 };
      for (const version of versions) {
        state.keys.set(version.key, [...(state.keys.get(version.key) ?? []), version]);
        state.nextSeq = Math.max(state.nextSeq, version.seq + 1);
      }
      for (const list of state.keys.values()) list.sort((a, b) => b.seq - a.seq);
      store.#buckets.set(bucket.name, state);
    }
    return store;
  }

  /** Runs a change after every earlier one has finished, so checks and writes do not interleave. */
  exclusive<T>(change: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(change);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Settles once every change started so far is on disk. */
  async settled(): Promise<void> {
    await this.#queue;
  }

  buckets(): Bucket[] {
    return [...this.#buckets.values()].map((state) => state.bucket).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  find(name: string): Bucket | undefined {
    return this.#buckets.get(name)?.bucket;
  }

  bucket(name: string): Bucket {
    const state = this.#buckets.get(name);
    if (!state) throw errors.noSuchBucket(name);
    return state.bucket;
  }

  /** Creates or updates a bucket's configuration. */
  async saveBucket(bucket: Bucket): Promise<void> {
    await this.#disk?.saveBucket(bucket);
    const state = this.#buckets.get(bucket.name);
    if (state) state.bucket = bucket;
    else this.#buckets.set(bucket.name, { bucket, keys: new Map(), nextSeq: 1 });
  }

  async deleteBucket(name: string): Promise<void> {
    await this.#disk?.deleteBucket(name);
    this.#buckets.delete(name);
  }

  /** Every version of every key in the bucket, keys in UTF-8 byte order, each key's newest first. */
  versions(bucket: string): ObjectVersion[] {
    const state = this.#buckets.get(bucket);
    if (!state) throw errors.noSuchBucket(bucket);
    const keys = [...state.keys.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return keys.flatMap((key) => state.keys.get(key) ?? []);
  }

  /** The key's versions, newest first (none: an empty list). */
  versionsOf(bucket: string, key: string): ObjectVersion[] {
    const state = this.#buckets.get(bucket);
    if (!state) throw errors.noSuchBucket(bucket);
    return state.keys.get(key) ?? [];
  }

  /** A new version's order and file name, to be filled in and passed to `addVersion`. */
  allocate(bucket: string): { seq: number; file: string } {
    const state = this.#buckets.get(bucket);
    if (!state) throw errors.noSuchBucket(bucket);
    return { seq: state.nextSeq++, file: randomUUID() };
  }

  /**
   * Adds a version (or delete marker) as the key's current one; a version with id "null" replaces the
   * key's earlier "null" version, as in an unversioned or versioning-suspended bucket.
   */
  async addVersion(bucket: string, version: ObjectVersion, body: Buffer | undefined): Promise<void> {
    const replaced = version.versionId === 'null' ? this.versionsOf(bucket, version.key).find(isNull) : undefined;
    await this.#disk?.saveVersion(bucket, version, body);
    if (!this.#disk && body) this.#bodies.set(version.file, body);
    if (replaced) await this.removeVersion(bucket, replaced);
    const state = this.#buckets.get(bucket) as BucketState;
    state.keys.set(version.key, [version, ...(state.keys.get(version.key) ?? [])]);
  }

  /** Rewrites a version's metadata (retention, legal hold). */
  async updateVersion(bucket: string, version: ObjectVersion): Promise<void> {
    await this.#disk?.saveVersion(bucket, version, undefined);
    const list = this.versionsOf(bucket, version.key);
    const index = list.findIndex((candidate) => candidate.file === version.file);
    if (index >= 0) list[index] = version;
  }

  async removeVersion(bucket: string, version: ObjectVersion): Promise<void> {
    await this.#disk?.deleteVersion(bucket, version.file);
    this.#bodies.delete(version.file);
    const state = this.#buckets.get(bucket) as BucketState;
    const remaining = (state.keys.get(version.key) ?? []).filter((candidate) => candidate.file !== version.file);
    if (remaining.length === 0) state.keys.delete(version.key);
    else state.keys.set(version.key, remaining);
  }

  async body(bucket: string, version: ObjectVersion): Promise<Buffer> {
    return this.#disk ? this.#disk.readBody(bucket, version.file) : (this.#bodies.get(version.file) ?? Buffer.alloc(0));
  }
}

const isNull = (version: ObjectVersion) => version.versionId === 'null';
