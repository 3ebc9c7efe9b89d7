/**
 * Verifying the whole audit trail (issue 21.3): every chain walked from its first entry to its head,
 * every link and hash recomputed, every digest's signature checked with the exported public key, every
 * digest in the bucket checked for versions or delete markers put over it, every chain the bucket has
 * digests of checked to still have a head, and every subject partition the chains touch checked for
 * entries that belong to no chain (inserted).
 * Stops at the first problem, naming the chain, the entry and what is wrong. For the CLI only: it
 * Queries the chain index and partitions, never a Scan, and never on a request path.
 */
import { chainHeads, chainItems } from '../adapters/audit-chains.ts';
import { digestsOf, sealedChains, signingPublicKey } from '../adapters/audit-digests.ts';
import { queryAll } from '../adapters/query-all.ts';
import { tableName } from '../config.ts';
import { type ChainProblem, checkChain } from '../domain/audit-chain.ts';
import { checkDigests } from '../domain/audit-digest.ts';

/** What a verification run found. */
export interface VerificationReport {
  chains: number;
  entries: number;
  digests: number;
  publicKeyPem: string;
  problem?: ChainProblem;
}

/** Walks every chain; the report carries the first problem, if any. */
export async function verifyAuditTrail(): Promise<VerificationReport> {
  const { pem } = await signingPublicKey();
  const heads = await chainHeads();
  const known = new Set(heads.map((head) => head.chain));
  const report: VerificationReport = { chains: heads.length, entries: 0, digests: 0, publicKeyPem: pem };
  const subjects = new Set<string>();
  for (const head of heads) {
    const items = await chainItems(head.chain);
    report.entries += items.length;
    const { digests, tampering } = await digestsOf(head.chain);
    report.digests += digests.length;
    const tampered = tampering[0] && { chain: head.chain, ...tampering[0] };
    const problem = tampered ?? checkChain(head.chain, items, head) ?? checkDigests(head.chain, items, digests, pem);
    if (problem) return { ...report, problem };
    for (const item of items) subjects.add(item.pk as string);
  }
  // A chain deleted whole, head and entries, leaves its digests behind in the locked bucket.
  const headless = (await sealedChains()).find((chain) => !known.has(chain));
  if (headless)
    return {
      ...report,
      problem: { chain: headless, seq: 0, problem: 'missing: the chain was sealed but has no head' },
    };
  for (const subject of subjects) {
    const partition = await queryAll({
      TableName: tableName('audit'),
      KeyConditionExpression: 'pk = :s',
      ExpressionAttributeValues: { ':s': subject },
    });
    const stray = partition.find((item) => typeof item.chain !== 'string' || !known.has(item.chain));
    if (stray) {
      const problem = {
        chain: typeof stray.chain === 'string' ? stray.chain : '(none)',
        seq: typeof stray.seq === 'number' ? stray.seq : 0,
        entry: { pk: stray.pk, sk: stray.sk },
        problem: `inserted: an entry of ${subject} that no chain holds`,
      };
      return { ...report, problem };
    }
  }
  return report;
}
