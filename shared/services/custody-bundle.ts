/**
 * Exports with chain of custody (issue 21.4): the records as exported, the audit chain that covers them
 * (the export's own entry included), the digests sealed over it, the signing key's public key and a
 * manifest of each file's SHA-256 signed by the audit key, as one canonical JSON document that
 * `npm run verify-audit -- --bundle` checks offline. Used by records exports and contact exports alike.
 */
import { chainItems } from '../adapters/audit-chains.ts';
import { digestsOf, signDocument, signingPublicKey } from '../adapters/audit-digests.ts';
import { canonicalJson } from '../domain/audit-chain.ts';
import { bundleDocument, bundleManifest } from '../domain/audit-bundle.ts';

/** The signed bundle of the records and the chain that covers them, its export entry included. */
export async function custodyBundle(chain: string, records: string, now: Date, requestReference: string | undefined) {
  // The digests as sealed: the bucket keeps each one's first version, whatever was put over it since.
  const [items, { digests }, key] = await Promise.all([chainItems(chain), digestsOf(chain), signingPublicKey()]);
  const files = {
    'records.ndjson': records,
    'audit-chain.ndjson': items.map((item) => canonicalJson(item)).join('\n') + (items.length ? '\n' : ''),
    'digests.json': canonicalJson(digests),
    'public-key.pem': key.pem,
  };
  const manifest = bundleManifest(files, { chain, createdAt: now.toISOString(), keyId: key.keyId, requestReference });
  return bundleDocument(manifest, await signDocument(canonicalJson(manifest)), files);
}
