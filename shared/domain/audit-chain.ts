/**
 * The audit trail's hash chains (issue 21.1). Every entry belongs to one chain: its account's
 * (`ACCOUNT#<id>`, when the subject is the account or the details name one), else the system chain
 * (`SYSTEM`: requests before an account exists, the directory, holds, disposals of other records).
 * An entry's hash is SHA-256 over the RFC 8785 canonical JSON of every stored attribute but the hash
 * itself, so a change to any attribute, an entry taken out or one put in breaks the chain. Pure: the
 * writer (shared/adapters/audit.ts), the verifier (tools/verify-audit.ts) and bundles use it alike.
 */
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/** The hash a chain's first entry links to. */
export const genesisHash = '0'.repeat(64);

/** The system-wide chain, for entries about no account. */
export const systemChain = 'SYSTEM';

/** The chain an entry belongs to, decided by its subject first, then the account its details name. */
export function chainOf(subject: string, details?: Record<string, unknown>): string {
  if (subject.startsWith('ACCOUNT#')) return subject;
  if (typeof details?.accountId === 'string' && details.accountId !== '') return `ACCOUNT#${details.accountId}`;
  return systemChain;
}

/** RFC 8785 canonical JSON (the `canonicalize` package); undefined has no JSON form and is refused. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('A value without a JSON form cannot be hashed.');
  return text;
}

/** SHA-256, hex, of the canonical JSON of an item without its `hash` attribute. */
export function hashOfItem(item: Record<string, unknown>): string {
  const { hash: _ignored, ...content } = item;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The chain index's sort key: the sequence number, zero-padded so text order is number order. */
export const seqKey = (seq: number): string => String(seq).padStart(12, '0');

/** A stored chain entry as the verifier reads it. */
export interface ChainItem extends Record<string, unknown> {
  chain: string;
  seq: number;
  prevHash: string;
  hash: string;
  /** Set when retention disposed of the entry (CT-06): its content is gone, its place and hash stay. */
  tombstone?: { disposedAt: string; job: string; retentionSchedule: unknown; retainUntil: string };
}

/** The first thing wrong with a chain, naming the entry. */
export interface ChainProblem {
  chain: string;
  seq: number;
  entry?: { pk: unknown; sk: unknown };
  problem: string;
}

/** The head of a chain as its head item records it. */
export interface ChainHead {
  seq: number;
  hash: string;
}

const where = (item: Record<string, unknown>) => ({ pk: item.pk, sk: item.sk });

/**
 * Checks a chain's entries (in sequence order) against its head: each hash recomputes (tombstones keep
 * theirs, but must be attested by a later `audit-entry.disposed` entry of the chain), each links to the
 * one before, no number is missing or repeated, and the last is the head.
 */
export function checkChain(
  chain: string,
  items: readonly ChainItem[],
  head: ChainHead | undefined,
): ChainProblem | undefined {
  const attested = new Set<string>();
  for (const item of items) {
    const refs = (
      item.tombstone ? item.attests : (item.details as Record<string, unknown> | undefined)?.disposedEntries
    ) as { seq: number; hash: string }[] | undefined;
    if (item.action === 'audit-entry.disposed' || item.tombstone) {
      for (const ref of refs ?? []) attested.add(`${ref.seq}:${ref.hash}`);
    }
  }
  // Two entries claiming one number: the one whose content does not hash to its hash was put in.
  const bySeq = Map.groupBy(items, (item) => item.seq);
  for (const [seq, claimants] of bySeq) {
    if (claimants.length < 2) continue;
    const forged = claimants.find((item) => !item.tombstone && hashOfItem(item) !== item.hash) ?? claimants.at(-1)!;
    return { chain, seq, entry: where(forged), problem: `inserted: a second entry numbered ${seq}` };
  }
  let previous: ChainItem | undefined;
  for (const item of items) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (item.chain !== chain)
      return {
        chain,
        seq: item.seq,
        entry: where(item),
        problem: `is indexed under ${chain} but names chain ${String(item.chain)}`,
      };
    if (item.seq < expectedSeq)
      return { chain, seq: item.seq, entry: where(item), problem: `inserted: a second entry numbered ${item.seq}` };
    if (item.seq > expectedSeq)
      return {
        chain,
        seq: expectedSeq,
        problem: `missing: entries ${expectedSeq} to ${item.seq - 1} are not in the table`,
      };
    if (item.prevHash !== (previous?.hash ?? genesisHash))
      return {
        chain,
        seq: item.seq,
        entry: where(item),
        problem: 'does not link to the entry before it (prevHash differs)',
      };
    if (item.tombstone) {
      if (!attested.has(`${item.seq}:${item.hash}`))
        return {
          chain,
          seq: item.seq,
          entry: where(item),
          problem: 'is a tombstone no disposal entry of the chain attests',
        };
    } else if (hashOfItem(item) !== item.hash) {
      return {
        chain,
        seq: item.seq,
        entry: where(item),
        problem: 'altered: its content does not hash to its recorded hash',
      };
    }
    previous = item;
  }
  const last = previous ? { seq: previous.seq, hash: previous.hash } : undefined;
  if (!head) return last ? { chain, seq: last.seq, problem: 'has entries but no head' } : undefined;
  if (!last || last.seq < head.seq)
    return {
      chain,
      seq: (last?.seq ?? 0) + 1,
      problem: `missing: the head is at ${head.seq}, the last entry at ${last?.seq ?? 0}`,
    };
  if (last.seq > head.seq)
    return { chain, seq: head.seq + 1, problem: `inserted: entries past the head (${head.seq})` };
  if (last.hash !== head.hash)
    return { chain, seq: last.seq, problem: 'the last entry is not the head the chain recorded' };
  return undefined;
}
