/**
 * The data file: the whole store as JSON, rewritten after every mutation. Secret values are in it
 * in clear text (there is no KMS here), so it is only ever readable by its owner.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretRecord } from './records.ts';

const FORMAT = 'secrets-manager-local/1';
const OWNER_ONLY = 0o600;

interface DataFile {
  format: typeof FORMAT;
  secrets: readonly SecretRecord[];
}

/**
 * Reads the data file; a missing file is an empty store, an unreadable one stops the start rather than being
 * overwritten.
 */
export async function loadSecrets(file: string): Promise<readonly SecretRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let data: Partial<DataFile>;
  try {
    data = JSON.parse(text) as Partial<DataFile>;
  } catch {
    // V8's message quotes the text around the error, which may be a secret value.
    throw new Error(`${file} is not valid JSON`);
  }
  if (data?.format !== FORMAT || !Array.isArray(data.secrets)) {
    throw new Error(`${file} is not a Secrets Manager emulator data file (expected format ${FORMAT})`);
  }
  // A file written by something else may be looser than we would have made it.
  await chmod(file, OWNER_ONLY);
  return data.secrets;
}

/**
 * Writes snapshots one after the other, each to a temporary file that is synced and then renamed
 * over the data file, so a crash leaves either the old or the new store, never half of one.
 */
export function snapshotWriter(file: string): (secrets: readonly SecretRecord[]) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  return (secrets) => {
    // Serialize now: the snapshot is the store as of this mutation, not as of when the disk gets to it.
    const text = JSON.stringify({ format: FORMAT, secrets } satisfies DataFile);
    const write = queue.then(() => writeAtomically(file, text));
    queue = write.catch(() => undefined);
    return write;
  };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'wx', OWNER_ONLY);
    try {
      // The umask may have taken bits off; set exactly owner read/write.
      await handle.chmod(OWNER_ONLY);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
