/**
 * What a record's chain keeps when retention disposes of it (issue 21.5, CT-06): a chained entry saying
 * what went, when, under which schedule and by which job run, so a disposal is provable and never
 * looks like tampering. An audit entry itself is replaced in place by a tombstone that keeps its number
 * and hash; the chained `audit-entry.disposed` entry attests it (shared/domain/audit-chain.ts).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import { chainOf, seqKey, systemChain } from '../domain/audit-chain.ts';
import type { AuditEntry } from './audit.ts';
import { dynamo } from './clients.ts';

/** The facts of a disposal, as the disposal log has them. */
export interface DisposalFacts {
  disposedAt: string;
  retainUntil: string;
  retentionSchedule: unknown;
  job: string;
}

/** The run a disposal belongs to: the job's schedule name and the moment the run disposes as of. */
const runOf = (job: string, asOf: string) => `${job}@${asOf}`;

/** The chained entry for a disposed record (a contact, an incident, a post suggestion, a request). */
export function recordTombstone(
  recordKind: string,
  subject: string,
  facts: DisposalFacts,
  asOf: string,
  accountId?: string,
): AuditEntry {
  return {
    subject,
    action: 'record.disposed',
    actorId: `schedule:${facts.job}`,
    at: facts.disposedAt,
    details: {
      recordKind,
      ...(accountId ? { accountId } : {}),
      retainUntil: facts.retainUntil,
      retentionSchedule: facts.retentionSchedule,
      jobRun: runOf(facts.job, asOf),
    },
  };
}

/** A stored audit entry about to be disposed of: where it sits in its chain. */
export async function chainPlace(key: { pk: string; sk: string }) {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName('audit'), Key: key, ConsistentRead: true }),
  );
  if (!Item || typeof Item.chain !== 'string') return undefined;
  // A disposal entry disposed of in its turn passes on what it attested.
  const attests = Item.action === 'audit-entry.disposed' ? (Item.details?.disposedEntries ?? []) : (Item.attests ?? []);
  return {
    chain: Item.chain,
    seq: Item.seq as number,
    hash: Item.hash as string,
    prevHash: Item.prevHash as string,
    attests: attests as { seq: number; hash: string }[],
  };
}

/** The tombstone that replaces a disposed audit entry: its place and hash, none of its content. */
export function auditTombstoneItem(
  key: { pk: string; sk: string },
  place: { chain: string; seq: number; hash: string; prevHash: string; attests: { seq: number; hash: string }[] },
  facts: DisposalFacts,
  asOf: string,
): Record<string, unknown> {
  return {
    ...key,
    ...place,
    type: 'audit-tombstone',
    gsi5pk: `CHAIN#${place.chain}`,
    gsi5sk: seqKey(place.seq),
    tombstone: { ...facts, jobRun: runOf(facts.job, asOf) },
  };
}

/** The chained entry that attests an audit entry's tombstone, in the same chain. */
export function auditDisposalEntry(
  place: { chain: string; seq: number; hash: string },
  facts: DisposalFacts,
  asOf: string,
): AuditEntry {
  const subject = place.chain === systemChain ? `DISPOSAL#${asOf.slice(0, 10)}` : place.chain;
  const entry: AuditEntry = {
    subject,
    action: 'audit-entry.disposed',
    actorId: `schedule:${facts.job}`,
    at: facts.disposedAt,
    details: {
      disposedEntries: [{ seq: place.seq, hash: place.hash }],
      retainUntil: facts.retainUntil,
      retentionSchedule: facts.retentionSchedule,
      jobRun: runOf(facts.job, asOf),
    },
  };
  if (chainOf(entry.subject, entry.details) !== place.chain) throw new Error('A disposal entry must join its chain.');
  return entry;
}
