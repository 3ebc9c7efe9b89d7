/**
 * The signed digests of the audit chains (issue 21.2), kept apart from the entries in an S3 bucket with
 * Object Lock in compliance mode: each digest is one object, written once (`If-None-Match: *`) with a
 * retention no one, the account's root included, can shorten or lift before the profile's audit retention
 * ends. A writer of the audit table cannot also rewrite, remove or hide what was sealed.
 * - a chain's digest of entry <seq>: digests/<chain, URI-encoded>/<seq, 12 digits>.json
 * Signing is KMS Sign with the ECC_NIST_P256 key (locally the KMS stand-in); the key never leaves KMS.
 */
import { GetPublicKeyCommand, SignCommand } from '@aws-sdk/client-kms';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  type ObjectVersion,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createPublicKey } from 'node:crypto';
import { auditDigestBucket, auditSigningKeyId } from '../config.ts';
import { seqKey } from '../domain/audit-chain.ts';
import { type DigestStatement, digestDocument, type SignedDigest } from '../domain/audit-digest.ts';
import { activeProfile } from '../policy/index.ts';
import { kms, s3 } from './clients.ts';

const dayMs = 86_400_000;
const root = 'digests/';
const prefixOf = (chain: string) => `${root}${encodeURIComponent(chain)}/`;
const keyOf = (chain: string, seq: number) => `${prefixOf(chain)}${seqKey(seq)}.json`;
const seqOfKey = (key: string) => Number(/(\d{12})\.json$/.exec(key)?.[1] ?? Number.NaN);
const isStatus = (error: unknown, status: number) =>
  error instanceof S3ServiceException && error.$metadata.httpStatusCode === status;

/** The signing key's public half (PEM) and ARN: what a verifier needs, with no AWS access. */
export async function signingPublicKey(): Promise<{ keyId: string; pem: string }> {
  const { KeyId, PublicKey } = await kms().send(new GetPublicKeyCommand({ KeyId: auditSigningKeyId() }));
  const pem = createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' })
    .export({ format: 'pem', type: 'spki' })
    .toString();
  return { keyId: KeyId!, pem };
}

/**
 * Signs a statement of a chain's head and stores it write-once under compliance retention (CT-06: the
 * profile's audit retention). Idempotent per chain and entry: when that head is already sealed (another
 * run, a retry), the stored digest stands and is returned.
 */
export async function sealHead(
  statement: Omit<DigestStatement, 'version' | 'keyId'>,
  keyId: string,
): Promise<SignedDigest> {
  const document = digestDocument({ version: 1, ...statement, keyId });
  const digest: SignedDigest = {
    chain: statement.chain,
    seq: statement.seq,
    sealedAt: statement.sealedAt,
    document,
    signature: await signDocument(document),
    algorithm: 'ECDSA_SHA_256',
  };
  const retainUntil = new Date(Date.parse(statement.sealedAt) + activeProfile().retention.auditRecordDays * dayMs);
  try {
    await s3().send(
      new PutObjectCommand({
        Bucket: auditDigestBucket(),
        Key: keyOf(statement.chain, statement.seq),
        Body: JSON.stringify(digest),
        ContentType: 'application/json',
        IfNoneMatch: '*',
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: retainUntil,
        // Object Lock puts must carry a checksum; S3 checks it before it stores the bytes.
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    return digest;
  } catch (error) {
    if (!isStatus(error, 412)) throw error;
    return (await readDigest(keyOf(statement.chain, statement.seq)))!;
  }
}

/** Signs a document (a bundle's manifest, issue 21.4) with the audit signing key; the signature, base64. */
export async function signDocument(document: string): Promise<string> {
  const { Signature } = await kms().send(
    new SignCommand({
      KeyId: auditSigningKeyId(),
      Message: Buffer.from(document),
      MessageType: 'RAW',
      SigningAlgorithm: 'ECDSA_SHA_256',
    }),
  );
  return Buffer.from(Signature!).toString('base64');
}

/** Whether the chain's entry `seq` is sealed: one HEAD request, however many days the chain has been sealed. */
export async function isSealed(chain: string, seq: number): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: auditDigestBucket(), Key: keyOf(chain, seq) }));
    return true;
  } catch (error) {
    if (isStatus(error, 404)) return false;
    throw error;
  }
}

async function readDigest(key: string, versionId?: string): Promise<SignedDigest | undefined> {
  try {
    const { Body } = await s3().send(
      new GetObjectCommand({ Bucket: auditDigestBucket(), Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
    );
    return JSON.parse(await Body!.transformToString()) as SignedDigest;
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Something done to the stored digests that the bucket allowed but our writer never does. */
export interface DigestTampering {
  seq: number;
  problem: string;
}

/**
 * A chain's digests, oldest first, from every stored version: the one the seal job wrote is each key's
 * first version. Object Lock keeps that version, but S3 still lets a principal with the permission put a
 * second version over it or a delete marker that hides it; our writer never does either, so both are
 * reported, as is a digest that cannot be read.
 */
export async function digestsOf(chain: string): Promise<{ digests: SignedDigest[]; tampering: DigestTampering[] }> {
  const versions = new Map<string, ObjectVersion[]>();
  const tampering: DigestTampering[] = [];
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const page = await s3().send(
      new ListObjectVersionsCommand({
        Bucket: auditDigestBucket(),
        Prefix: prefixOf(chain),
        KeyMarker: keyMarker,
        VersionIdMarker: versionMarker,
      }),
    );
    for (const version of page.Versions ?? [])
      versions.set(version.Key!, [...(versions.get(version.Key!) ?? []), version]);
    for (const marker of page.DeleteMarkers ?? [])
      tampering.push({
        seq: seqOfKey(marker.Key!),
        problem: `its digest is hidden by a delete marker put ${iso(marker.LastModified)}`,
      });
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  const digests: SignedDigest[] = [];
  for (const [key, stored] of [...versions].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const seq = seqOfKey(key);
    // S3 lists a key's versions newest first: the sealed one is the last.
    const first = stored.at(-1);
    const later = stored.slice(0, -1);
    if (later.length > 0)
      tampering.push({
        seq,
        problem: `its digest was written over ${later.length} time(s), last ${iso(later[0]!.LastModified)}`,
      });
    const digest = await readDigest(key, first!.VersionId);
    if (!digest) tampering.push({ seq, problem: `its digest (${key}) is not a digest` });
    else digests.push(digest);
  }
  return { digests, tampering };
}

const iso = (date: Date | undefined) => date?.toISOString() ?? 'at an unknown time';

/** Every chain that has a digest in the bucket: those the verifier must find heads for. */
export async function sealedChains(): Promise<string[]> {
  const chains: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3().send(
      new ListObjectsV2Command({ Bucket: auditDigestBucket(), Prefix: root, Delimiter: '/', ContinuationToken: token }),
    );
    for (const prefix of page.CommonPrefixes ?? [])
      chains.push(decodeURIComponent(prefix.Prefix!.slice(root.length, -1)));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return chains;
}
