/**
 * The asymmetric signing keys of the KMS stand-in: ECC_NIST_P256 key pairs for SIGN_VERIFY, kept in
 * a JSON file (mode 0600) so signatures made before a restart still verify after it.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AwsJsonError } from '../aws-json-error.ts';

/** One key as DescribeKey shows it, with its private half (never answered). */
export interface StoredKey {
  keyId: string;
  arn: string;
  description: string;
  createdAt: number;
  privateKeyPem: string;
  aliases: string[];
}

/** The keys of one Region and account, by id and by alias. */
export class KeyStore {
  readonly #keys = new Map<string, StoredKey>();
  readonly #region: string;
  readonly #accountId: string;

  constructor(region: string, accountId: string, keys: StoredKey[] = []) {
    this.#region = region;
    this.#accountId = accountId;
    for (const key of keys) this.#keys.set(key.keyId, key);
  }

  /** A new P-256 key pair, as CreateKey with KeySpec ECC_NIST_P256 makes it. */
  create(description: string, now: number): StoredKey {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyId = randomUUID();
    const key: StoredKey = {
      keyId,
      arn: `arn:aws:kms:${this.#region}:${this.#accountId}:key/${keyId}`,
      description,
      createdAt: now / 1000,
      privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      aliases: [],
    };
    this.#keys.set(keyId, key);
    return key;
  }

  /** Names a key, as CreateAlias does; an alias taken already is AlreadyExistsException. */
  alias(aliasName: string, keyIdentifier: string): void {
    if (!aliasName.startsWith('alias/')) throw new AwsJsonError('ValidationException', 'Alias must start with alias/');
    if (this.#byAlias(aliasName))
      throw new AwsJsonError('AlreadyExistsException', `An alias with the name ${aliasName} already exists`);
    this.find(keyIdentifier).aliases.push(aliasName);
  }

  /** A key by id, ARN, alias name or alias ARN, as every KMS operation's KeyId takes it. */
  find(identifier: string): StoredKey {
    const aliasName = identifier.includes(':alias/') ? identifier.slice(identifier.indexOf('alias/')) : identifier;
    const key = aliasName.startsWith('alias/')
      ? this.#byAlias(aliasName)
      : this.#keys.get(identifier.includes(':key/') ? identifier.slice(identifier.lastIndexOf('/') + 1) : identifier);
    if (!key) throw new AwsJsonError('NotFoundException', `Key '${identifier}' does not exist`);
    return key;
  }

  all(): StoredKey[] {
    return [...this.#keys.values()];
  }

  #byAlias(aliasName: string): StoredKey | undefined {
    return [...this.#keys.values()].find((key) => key.aliases.includes(aliasName));
  }
}

/** The key objects of a stored key. */
export function keyPair(key: StoredKey): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey(key.privateKeyPem);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** The stored keys, or none when the file does not exist yet. */
export async function loadKeys(file: string): Promise<StoredKey[]> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StoredKey[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Writes the keys whole and renames into place, so a crash never leaves half a file. */
export async function saveKeys(file: string, keys: StoredKey[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(keys), { mode: 0o600 });
  await rename(temporary, file);
}
