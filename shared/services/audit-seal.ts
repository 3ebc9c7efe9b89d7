/**
 * Sealing the audit chains (issue 21.2): each chain whose head moved since its last digest gets a new
 * signed digest. Run daily by the `auditSeal` schedule and on demand (`npm run schedule -- auditSeal`);
 * a chain already sealed at its head is left alone, so a repeated run writes nothing.
 */
import { chainHeads } from '../adapters/audit-chains.ts';
import { isSealed, sealHead, signingPublicKey } from '../adapters/audit-digests.ts';
import { logger } from '../telemetry.ts';

/** What a sealing run did. */
export interface SealSummary {
  chains: number;
  sealed: number;
  sealedAt: string;
}

/** Seals every chain whose head is not yet covered by a digest. */
export async function sealAuditChains(now = new Date()): Promise<SealSummary> {
  const sealedAt = now.toISOString();
  const { keyId } = await signingPublicKey();
  const heads = await chainHeads();
  let sealed = 0;
  for (const head of heads) {
    if (await isSealed(head.chain, head.seq)) continue;
    await sealHead({ chain: head.chain, seq: head.seq, hash: head.hash, sealedAt }, keyId);
    sealed += 1;
  }
  const summary = { chains: heads.length, sealed, sealedAt };
  logger.info('audit chains sealed', { ...summary });
  return summary;
}
