/**
 * The data directory: one JSON file per state machine and per execution. Writes are queued and
 * coalesced (a busy execution's history is written once per turn of the queue, not once per
 * event), and each goes to a temporary file renamed over the old one, so a crash leaves either
 * the previous or the new version of a file, never half of one.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One directory per kind of record. */
export type FileKind = 'state-machines' | 'executions';

/** Keys are names and ARNs; encoded, they cannot climb out of the directory or clash with `.`/`..`. */
const fileName = (key: string) => `${encodeURIComponent(key).replaceAll('.', '%2E')}.json`;

/** Reads the data directory once at start, then keeps it up to date in the background. */
export class JsonFiles {
  readonly #directory: string;
  /** Latest content per file still to be written; null removes the file. */
  readonly #pending = new Map<string, (() => string) | null>();
  #draining: Promise<void> | undefined;

  private constructor(directory: string) {
    this.#directory = directory;
  }

  static async open(directory: string): Promise<JsonFiles> {
    await mkdir(directory, { recursive: true });
    return new JsonFiles(directory);
  }

  /** Every file of a kind, parsed. An unreadable file stops the start rather than being overwritten. */
  async readAll(kind: FileKind): Promise<unknown[]> {
    const directory = join(this.#directory, kind);
    let names: string[];
    try {
      names = await readdir(directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const values: unknown[] = [];
    for (const name of names.filter((entry) => entry.endsWith('.json')).sort()) {
      const file = join(directory, name);
      try {
        values.push(JSON.parse(await readFile(file, 'utf8')));
      } catch (error) {
        throw new Error(`${file} is not a readable Step Functions local data file: ${(error as Error).message}`);
      }
    }
    return values;
  }

  /** Queues a write; `render` runs when the queue reaches the file, so it writes the latest state. */
  write(kind: FileKind, key: string, render: () => unknown): void {
    this.#pending.set(join(this.#directory, kind, fileName(key)), () => JSON.stringify(render()));
    this.#drain();
  }

  remove(kind: FileKind, key: string): void {
    this.#pending.set(join(this.#directory, kind, fileName(key)), null);
    this.#drain();
  }

  /** Resolves once every queued write is on disk. */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  #drain(): void {
    this.#draining ??= (async () => {
      for (let next = this.#pending.entries().next(); !next.done; next = this.#pending.entries().next()) {
        const [file, render] = next.value;
        this.#pending.delete(file);
        try {
          if (render) await writeAtomically(file, render());
          else await rm(file, { force: true });
        } catch (error) {
          console.error(`Step Functions local: could not update ${file}: ${(error as Error).message}`);
        }
      }
      this.#draining = undefined;
    })();
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
