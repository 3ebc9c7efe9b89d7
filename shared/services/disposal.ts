/**
 * The scheduled disposal of expired records (CT-06): contact records first, then incidents, post
 * suggestions, account requests and audit entries (shared/adapters/record-retention.ts), each table's
 * buckets swept the same way from its own watermark. Each run Queries the disposal buckets
 * of the days since the last clean sweep (shared/adapters/retention.ts) and, for every record past
 * its retainUntil, either deletes it with a disposal log entry or, while a hold is active on its
 * case or account, parks it in the held bucket that every run looks at again. A run that nears
 * its time limit stops between records; the next run continues from the same watermark, and
 * disposing twice is harmless, so nothing depends on a run finishing.
 */
import { appendAudit } from '../adapters/audit.ts';
import { getContact } from '../adapters/contacts.ts';
import { isHeld, type HoldSubject } from '../adapters/holds.ts';
import {
  deleteMarker,
  disposalLog,
  disposeRecord,
  getWatermark,
  heldBucket,
  markersPage,
  moveToHeld,
  setWatermark,
  type RetentionMarker,
} from '../adapters/retention.ts';
import {
  disposeRetained,
  getRetainedWatermark,
  moveRetainedToHeld,
  type RetainedMarker,
  type RetainedTable,
  retainedPage,
  retainedTables,
  setRetainedWatermark,
} from '../adapters/record-retention.ts';
import { addDays, daysBetween } from '../domain/retention.ts';
import type { ContactView } from '../schemas/contacts.ts';
import type { DisposalEntry } from '../schemas/holds.ts';
import { logger } from '../telemetry.ts';

/**
 * Where the first run starts, having no watermark: a record is never bucketed before the day it
 * was written, so this covers a first run up to a month after the first record.
 */
const firstRunLookbackDays = 31;

export interface DisposalRun {
  /** The moment the run disposes as of (shared/domain/retention.ts disposalTime). */
  asOf: string;
  /** The schedule's name, recorded in the log as the job that disposed. */
  job: string;
  /** Whether there is time for another record. */
  hasTime: () => boolean;
}

export interface DisposalSummary {
  asOf: string;
  disposed: number;
  held: number;
  /** False when the run stopped for time; the next run continues. */
  complete: boolean;
  /** The other records (incidents, suggestions, requests, audit entries) disposed of and held. */
  records: { disposed: number; held: number };
}

export async function disposeExpiredRecords(run: DisposalRun): Promise<DisposalSummary> {
  const today = run.asOf.slice(0, 10);
  const summary: DisposalSummary = {
    asOf: run.asOf,
    disposed: 0,
    held: 0,
    complete: false,
    records: { disposed: 0, held: 0 },
  };
  const holds = new Map<string, Promise<boolean>>();
  const held = (subject: HoldSubject) => {
    const key = JSON.stringify(subject);
    if (!holds.has(key)) holds.set(key, isHeld(subject));
    return holds.get(key)!;
  };

  // A record parked in the held bucket by this run's day sweep is met again in its held sweep.
  const seen = new Set<string>();
  const handle = async (marker: RetentionMarker): Promise<void> => {
    if (seen.has(marker.contactId)) return;
    seen.add(marker.contactId);
    const anyHold = (await held({ caseId: marker.caseId })) || (await held({ accountId: marker.accountId }));
    const found = anyHold ? undefined : await getContact(marker.contactId);
    // No record behind the entry: the index had not yet caught up with its deletion, or a held
    // marker outlived its record (a disposal deletes both together, so only data from before that).
    if (!anyHold && !found) return deleteMarker(marker);
    const outcome = found ? await disposeRecord(marker, logEntry(found.record, run.job), run.asOf) : 'held';
    if (outcome === 'held') {
      await moveToHeld(marker);
      summary.held += 1;
    } else if (outcome === 'disposed') {
      summary.disposed += 1;
    }
  };

  /** Every expired marker of a bucket; false if time ran out first. */
  const sweep = async (bucket: string, before: string | undefined): Promise<boolean> => {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await markersPage(bucket, before, startKey);
      for (const marker of page.markers) {
        if (!run.hasTime()) return false;
        await handle(marker);
      }
      startKey = page.nextKey;
    } while (startKey);
    return true;
  };

  const from = (await getWatermark()) ?? addDays(today, -firstRunLookbackDays);
  for (const day of daysBetween(from, today)) {
    if (!(await sweep(day, run.asOf))) {
      await setWatermark(day);
      return finish(summary, run);
    }
  }
  // Today's bucket may still list records expiring later today: start there next time.
  await setWatermark(today);
  if (!(await sweep(heldBucket, undefined))) return finish(summary, run);
  for (const table of retainedTables) {
    if (!(await sweepRetained(table, run, summary))) return finish(summary, run);
  }
  summary.complete = true;
  return finish(summary, run);
}

/** One table's buckets of other records, from its watermark, then its held ones; false if time ran out. */
async function sweepRetained(table: RetainedTable, run: DisposalRun, summary: DisposalSummary): Promise<boolean> {
  const today = run.asOf.slice(0, 10);
  // A record parked in the held bucket by this run's day sweep is met again in its held sweep.
  const seen = new Set<string>();
  const handle = async (marker: RetainedMarker): Promise<void> => {
    const id = `${marker.retention.kind}#${marker.retention.id}`;
    if (seen.has(id)) return;
    seen.add(id);
    const outcome = await disposeRetained(
      marker,
      {
        recordKind: marker.retention.kind,
        recordId: marker.retention.id,
        retainUntil: marker.retention.retainUntil,
        disposedAt: new Date().toISOString(),
        retentionSchedule: marker.retention.schedule,
        job: run.job,
      },
      run.asOf,
    );
    if (outcome === 'held') {
      await moveRetainedToHeld(marker);
      summary.records.held += 1;
    } else if (outcome === 'disposed') {
      summary.records.disposed += 1;
    }
  };
  const sweep = async (bucket: string, before: string | undefined): Promise<boolean> => {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await retainedPage(table, bucket, before, startKey);
      for (const marker of page.markers) {
        if (!run.hasTime()) return false;
        await handle(marker);
      }
      startKey = page.nextKey;
    } while (startKey);
    return true;
  };
  const from = (await getRetainedWatermark(table)) ?? addDays(today, -firstRunLookbackDays);
  for (const day of daysBetween(from, today)) {
    if (!(await sweep(day, run.asOf))) {
      await setRetainedWatermark(table, day);
      return false;
    }
  }
  await setRetainedWatermark(table, today);
  return sweep('HELD', undefined);
}

/** What was disposed of, when, and under which retention schedule and job. */
const logEntry = (record: ContactView, job: string): DisposalEntry => ({
  contactId: record.contactId,
  caseId: record.caseId,
  accountId: record.accountId,
  occurredAt: record.occurredAt,
  retainUntil: record.retainUntil,
  disposedAt: new Date().toISOString(),
  retentionSchedule: record.retentionSchedule,
  job,
});

async function finish(summary: DisposalSummary, run: DisposalRun): Promise<DisposalSummary> {
  await appendAudit({
    subject: `DISPOSAL#${run.asOf.slice(0, 10)}`,
    action: 'contacts.disposal-run',
    actorId: `schedule:${run.job}`,
    at: new Date().toISOString(),
    details: { ...summary },
  });
  logger.info('disposal run', { ...summary });
  return summary;
}

/** The disposal log of one day, for operations. */
export const viewDisposals = async (day: string): Promise<{ items: DisposalEntry[] }> => ({
  items: await disposalLog(day),
});
