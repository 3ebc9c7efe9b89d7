/**
 * The S3 stand-in on disk: `<dataDir>/<bucket>/bucket.json` and, per version,
 * `<dataDir>/<bucket>/versions/<file>.json` (metadata) beside `<file>.data` (the bytes). Every file is
 * written to a temporary name, flushed to disk and renamed (the directory flushed too), mode 0600, so
 * an acknowledged write survives a crash and a crash never leaves half a file; a version exists once
 * its metadata file does.
 */
import { mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Bucket, ObjectVersion } from './model.ts';

/** A bucket and its versions as read back at start. */
export interface StoredBucket {
  bucket: Bucket;
  versions: ObjectVersion[];
}

async function writeDurably(file: string, content: string | Buffer): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  // The rename itself is durable only once the directory is flushed too.
  const directory = await open(dirname(file), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/** Reads and writes one data directory. */
export class Persistence {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  #versions(bucket: string): string {
    return join(this.#dir, bucket, 'versions');
  }

  /** Every bucket with its versions; version bytes stay on disk until read. */
  async load(): Promise<StoredBucket[]> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const stored: StoredBucket[] = [];
    for (const entry of await readdir(this.#dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      let bucket: Bucket;
      try {
        bucket = JSON.parse(await readFile(join(this.#dir, entry.name, 'bucket.json'), 'utf8')) as Bucket;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const names = await readdir(this.#versions(bucket.name)).catch(() => [] as string[]);
      const versions = await Promise.all(
        names
          .filter((name) => name.endsWith('.json'))
          .map(async (name) => JSON.parse(await readFile(join(this.#versions(bucket.name), name), 'utf8'))),
      );
      stored.push({ bucket, versions: versions as ObjectVersion[] });
    }
    return stored;
  }

  async saveBucket(bucket: Bucket): Promise<void> {
    await mkdir(this.#versions(bucket.name), { recursive: true, mode: 0o700 });
    await writeDurably(join(this.#dir, bucket.name, 'bucket.json'), JSON.stringify(bucket));
  }

  async deleteBucket(name: string): Promise<void> {
    await rm(join(this.#dir, name), { recursive: true, force: true });
  }

  /** The bytes first, then the metadata that makes the version exist. */
  async saveVersion(bucket: string, version: ObjectVersion, body: Buffer | undefined): Promise<void> {
    if (body) await writeDurably(join(this.#versions(bucket), `${version.file}.data`), body);
    await writeDurably(join(this.#versions(bucket), `${version.file}.json`), JSON.stringify(version));
  }

  /** The metadata first, so a crash leaves at worst unreferenced bytes, never a version without them. */
  async deleteVersion(bucket: string, file: string): Promise<void> {
    await unlink(join(this.#versions(bucket), `${file}.json`));
    await rm(join(this.#versions(bucket), `${file}.data`), { force: true });
  }

  async readBody(bucket: string, file: string): Promise<Buffer> {
    return readFile(join(this.#versions(bucket), `${file}.data`));
  }
}
