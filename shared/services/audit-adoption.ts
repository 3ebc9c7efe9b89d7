/**
 * Adopting audit entries written before the chains existed (issue 21, upgrading from version 1): such
 * entries carry no chain attributes, so the verifier reports each as inserted. Each is linked onto its
 * chain (chainOf, as a new entry would be) after the chain's head, oldest first, in batches; each batch
 * ends with an `audit.entries-adopted` entry naming every entry it linked. The adopted entries were not
 * protected before this run: the attestation says when protection began, it does not vouch for earlier.
 * Run once after the upgrade (`npm run adopt-audit`), one run at a time; a second run finds nothing.
 */
import { scanUnchainedEntries } from '../adapters/audit-adoption.ts';
import { transactWithAudit } from '../adapters/audit.ts';
import { chainOf } from '../domain/audit-chain.ts';

/** Entries one transaction links, with the attestation and the head: under DynamoDB's 100 items. */
const batchSize = 48;
const adoptionActor = 'system:adopt-audit';

/** What an adoption run found and, unless a dry run, linked. */
export interface AdoptionSummary {
  entries: number;
  chains: number;
  batches: number;
}

type Stored = Record<string, unknown>;
const byTime = (a: Stored, b: Stored) => (String(a.sk) < String(b.sk) ? -1 : String(a.sk) > String(b.sk) ? 1 : 0);

/** Links every unchained entry onto its chain; with `dryRun`, only counts them. */
export async function adoptUnchainedEntries(options: { dryRun: boolean; now?: Date }): Promise<AdoptionSummary> {
  const found = await scanUnchainedEntries();
  const byChain = Map.groupBy(found, (item) =>
    chainOf(String(item.subject ?? item.pk), item.details as Record<string, unknown> | undefined),
  );
  const summary: AdoptionSummary = { entries: found.length, chains: byChain.size, batches: 0 };
  if (options.dryRun) return summary;
  const at = (options.now ?? new Date()).toISOString();
  for (const [chain, items] of byChain) {
    // Sort keys lead with the entry's time: oldest first, as they were written.
    const ordered = [...items].sort(byTime);
    for (let start = 0; start < ordered.length; start += batchSize) {
      const batch = ordered.slice(start, start + batchSize);
      await transactWithAudit(
        [],
        [
          {
            subject: chain,
            action: 'audit.entries-adopted',
            actorId: adoptionActor,
            at,
            details: {
              reason: 'written before the audit chains existed; chained from now on',
              entries: batch.map((item) => ({ pk: item.pk, sk: item.sk, action: item.action })),
            },
          },
        ],
        new Map([[chain, batch]]),
      );
      summary.batches += 1;
    }
  }
  return summary;
}
