/**
 * Signed digests of the audit chains (issue 21.2): a digest states a chain's head (number and hash)
 * at a moment, as RFC 8785 canonical JSON signed with ECDSA P-256 / SHA-256 by the KMS key. Anyone
 * with the exported public key checks it without AWS: `verify('sha256', document, publicKey, signature)`.
 */
import { createPublicKey, verify } from 'node:crypto';
import { canonicalJson, type ChainItem, type ChainProblem } from './audit-chain.ts';

/** What a digest states. */
export interface DigestStatement {
  version: 1;
  chain: string;
  seq: number;
  hash: string;
  sealedAt: string;
  /** The signing key's ARN, so a verifier knows which public key to use. */
  keyId: string;
}

/** A stored digest: the exact document signed and the signature over it. */
export interface SignedDigest {
  chain: string;
  seq: number;
  sealedAt: string;
  /** The canonical JSON of the statement, as signed (the bytes, not a re-serialization). */
  document: string;
  /** DER ECDSA signature, base64. */
  signature: string;
  algorithm: 'ECDSA_SHA_256';
}

/** The bytes to sign for a statement. */
export const digestDocument = (statement: DigestStatement): string => canonicalJson(statement);

/** Whether the signature is the key's over the document (no AWS needed: the public key in PEM). */
export function signatureValid(digest: SignedDigest, publicKeyPem: string): boolean {
  const signature = Buffer.from(digest.signature, 'base64');
  // Node's base64 decoding ignores stray characters and unused trailing bits: only the one exact spelling counts.
  if (signature.toString('base64') !== digest.signature) return false;
  try {
    return verify('sha256', Buffer.from(digest.document), createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

/** The first thing wrong with a chain's digests: a bad signature, or a statement its entries contradict. */
export function checkDigests(
  chain: string,
  items: readonly ChainItem[],
  digests: readonly SignedDigest[],
  publicKeyPem: string,
): ChainProblem | undefined {
  const bySeq = new Map(items.map((item) => [item.seq, item]));
  for (const digest of digests) {
    if (!signatureValid(digest, publicKeyPem))
      return { chain, seq: digest.seq, problem: `digest sealed ${digest.sealedAt}: the signature does not verify` };
    const statement = JSON.parse(digest.document) as DigestStatement;
    if (statement.chain !== chain || statement.seq !== digest.seq)
      return {
        chain,
        seq: digest.seq,
        problem: `digest sealed ${digest.sealedAt}: filed under another chain or entry`,
      };
    const entry = bySeq.get(statement.seq);
    if (!entry)
      return { chain, seq: statement.seq, problem: `missing: the digest sealed ${statement.sealedAt} covers it` };
    if (entry.hash !== statement.hash)
      return {
        chain,
        seq: statement.seq,
        entry: { pk: entry.pk, sk: entry.sk },
        problem: `its hash is not the one the digest sealed ${statement.sealedAt} signed`,
      };
  }
  return undefined;
}
