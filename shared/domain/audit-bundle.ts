/**
 * Exports with chain of custody (issue 21.4): a bundle is one RFC 8785 canonical JSON document holding
 * the exported files (the records, the account's audit chain, the digests that cover it, the signing
 * key's public key), a manifest with the SHA-256 of each file, and the manifest's signature by the
 * audit signing key. Verifying it needs only this file: any changed byte breaks the canonical form, a
 * file's hash, the manifest's signature, a chain link or a digest signature.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { canonicalJson, type ChainItem, checkChain } from './audit-chain.ts';
import { checkDigests, type SignedDigest, signatureValid } from './audit-digest.ts';

/** The files of a bundle, by name. */
export const bundleFiles = ['records.ndjson', 'audit-chain.ndjson', 'digests.json', 'public-key.pem'] as const;
export type BundleFile = (typeof bundleFiles)[number];

/** What the manifest states. */
export interface BundleManifest {
  version: 1;
  chain: string;
  createdAt: string;
  requestReference?: string;
  keyId: string;
  files: Record<BundleFile, string>;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The manifest of the files, to be signed as its canonical JSON. */
export function bundleManifest(
  files: Record<BundleFile, string>,
  facts: { chain: string; createdAt: string; keyId: string; requestReference?: string | undefined },
): BundleManifest {
  return {
    version: 1,
    chain: facts.chain,
    createdAt: facts.createdAt,
    ...(facts.requestReference ? { requestReference: facts.requestReference } : {}),
    keyId: facts.keyId,
    files: Object.fromEntries(bundleFiles.map((name) => [name, sha256(files[name])])) as Record<BundleFile, string>,
  };
}

/** The bundle document: canonical JSON, so that it has exactly one byte form. */
export const bundleDocument = (
  manifest: BundleManifest,
  manifestSignature: string,
  files: Record<BundleFile, string>,
) => canonicalJson({ manifest, manifestSignature, files });

/** The fingerprint a requester compares with the one the agency publishes: SHA-256 of the key's DER SPKI. */
export const keyFingerprint = (pem: string): string =>
  sha256(createPublicKey(pem).export({ format: 'der', type: 'spki' }).toString('latin1'));

/** What verifying a bundle found. */
export interface BundleReport {
  ok: boolean;
  problem?: string;
  chain?: string;
  entries?: number;
  digests?: number;
  keyFingerprint?: string;
}

/** Verifies a bundle's bytes; with `pinnedPem`, also that it was signed by that key. */
export function verifyBundle(text: string, pinnedPem?: string): BundleReport {
  try {
    return checkBundle(text, pinnedPem);
  } catch (error) {
    // A changed byte can leave valid JSON of the wrong shape (a renamed member, a number for a text).
    return { ok: false, problem: `the bundle is malformed (${(error as Error).message})` };
  }
}

function checkBundle(text: string, pinnedPem?: string): BundleReport {
  let parsed: { manifest: BundleManifest; manifestSignature: string; files: Record<BundleFile, string> };
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the bundle is not JSON (changed or truncated)' };
  }
  if (canonicalJson(parsed) !== text) return { ok: false, problem: 'the bundle is not in its canonical byte form' };
  const { manifest, manifestSignature, files } = parsed;
  const pem = files?.['public-key.pem'];
  if (typeof pem !== 'string') return { ok: false, problem: 'the bundle has no public key' };
  const fingerprint = keyFingerprint(pem);
  if (pinnedPem && keyFingerprint(pinnedPem) !== fingerprint)
    return {
      ok: false,
      problem: 'the bundle is signed with another key than the one given',
      keyFingerprint: fingerprint,
    };
  const document = canonicalJson(manifest);
  const signed = {
    chain: manifest.chain,
    seq: 0,
    sealedAt: manifest.createdAt,
    document,
    signature: manifestSignature,
  };
  if (!signatureValid({ ...signed, algorithm: 'ECDSA_SHA_256' }, pem))
    return { ok: false, problem: 'the manifest signature does not verify', keyFingerprint: fingerprint };
  for (const name of bundleFiles) {
    if (typeof files[name] !== 'string' || sha256(files[name]) !== manifest.files[name])
      return { ok: false, problem: `${name}: its SHA-256 is not the manifest's`, keyFingerprint: fingerprint };
  }
  const items = files['audit-chain.ndjson']
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ChainItem);
  const digests = JSON.parse(files['digests.json']) as SignedDigest[];
  const last = items.at(-1);
  const problem =
    checkChain(manifest.chain, items, last ? { seq: last.seq, hash: last.hash } : undefined) ??
    checkDigests(manifest.chain, items, digests, pem);
  if (problem) {
    const at = problem.entry ? ` (pk ${String(problem.entry.pk)}, sk ${String(problem.entry.sk)})` : '';
    return { ok: false, problem: `chain ${problem.chain}, entry ${problem.seq}${at}: ${problem.problem}` };
  }
  return {
    ok: true,
    chain: manifest.chain,
    entries: items.length,
    digests: digests.length,
    keyFingerprint: fingerprint,
  };
}
