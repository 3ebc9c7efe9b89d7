/**
 * TN-12's transcript, after the record (issue 17.7): a record of a finished conversation without
 * one owes it; the case system supplies it later (this route, or a correction that supersedes the
 * record), and until then the worker's supervisor is reminded by a scheduled job.
 */
import { getContact } from '../adapters/contacts.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { noteReminder, owedBefore, supplyTranscript, type SuppliedTranscript } from '../adapters/transcripts.ts';
import type { Caller } from '../auth/caller.ts';
import { consoleLink } from '../config.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { activeProfile } from '../policy/index.ts';
import { regionTimeZone } from '../policy/time-zone.ts';
import { supervisorsOf } from './transcript-supervisors.ts';
import { countMetric, logger } from '../telemetry.ts';
import { transcriptsOwedReminder, type OwedLine } from '../views/emails/transcripts.ts';

/**
 * Records the transcript a record owes. Only the case system that wrote the record supplies it; a
 * retry with the same document answers as the first time; another document, or a record that owes
 * nothing (it had its transcript, or a correction settled it), is 409. The record never changes.
 */
export async function supplyContactTranscript(
  caller: Caller,
  contactId: string,
  transcriptDocumentId: string,
  now = new Date(),
): Promise<SuppliedTranscript> {
  const found = await getContact(contactId);
  // Another case system's record is as unknown to this one as a record that does not exist.
  if (!found || found.record.recordedBy !== caller.id) throw new NotFoundError('No such contact record.');
  const { outcome, transcript } = await supplyTranscript({
    contactId,
    transcriptDocumentId,
    suppliedAt: now.toISOString(),
    suppliedBy: caller.id,
  });
  if (outcome === 'supplied' || outcome === 'same') {
    if (outcome === 'supplied') {
      logger.info('transcript supplied', { contactId });
      countMetric('TranscriptsSupplied');
    }
    return transcript!;
  }
  if (outcome === 'different')
    throw new ConflictError('This record already has another transcript.', 'TranscriptAlreadySupplied');
  throw new ConflictError(
    'This record owes no transcript: it was recorded with one, or a correction superseded it.',
    'TranscriptNotOwed',
  );
}

export interface ReminderRun {
  owed: number;
  reminded: number;
  emails: number;
}

/**
 * The scheduled reminder (shared/schedules.ts `transcriptReminders`): every transcript owed longer
 * than the profile's interval since the conversation, and not reminded within it, is listed to the
 * worker's supervisor, one email per supervisor, until it arrives. A profile that tracks no
 * transcripts reminds nobody.
 */
export async function remindOwedTranscripts(asOf: Date): Promise<ReminderRun> {
  const hours = activeProfile().contacts.transcriptReminderHours;
  if (hours === null) return { owed: 0, reminded: 0, emails: 0 };
  const cutoff = new Date(asOf.getTime() - hours * 3_600_000).toISOString();
  const owed = await owedBefore(cutoff);
  const due = owed.filter((item) => item.remindedAt === undefined || item.remindedAt <= cutoff);
  const bySupervisors = new Map<string, { to: string[]; lines: OwedLine[]; contactIds: string[]; timeZone: string }>();
  // One directory look-up per worker, however many transcripts they owe.
  const supervisors = new Map<string, Promise<{ to: string[]; workerName: string }>>();
  for (const item of due) {
    const lookup =
      supervisors.get(item.workerId) ??
      supervisorsOf(item.workerId, item.workerRegion).then(({ supervisors: people, workerName }) => ({
        to: people.map((s) => s.email),
        workerName,
      }));
    supervisors.set(item.workerId, lookup);
    const { to, workerName } = await lookup;
    if (to.length === 0) {
      logger.warn('owed transcript has nobody to remind', { contactId: item.contactId });
      continue;
    }
    // A supervisor reads the times in their workers' region's zone (issue 19.4): one email per zone.
    const timeZone = regionTimeZone(item.workerRegion);
    const key = `${[...to].sort().join(',')} ${timeZone}`;
    const group =
      bySupervisors.get(key) ?? bySupervisors.set(key, { to, lines: [], contactIds: [], timeZone }).get(key)!;
    group.lines.push({ contactId: item.contactId, caseId: item.caseId, workerName, occurredAt: item.occurredAt });
    group.contactIds.push(item.contactId);
  }
  let reminded = 0;
  for (const group of bySupervisors.values()) {
    const { to, lines, timeZone } = group;
    await sendEmail(transcriptsOwedReminder({ to, lines, timeZone, homeLink: consoleLink('/') }));
    for (const contactId of group.contactIds) await noteReminder(contactId, asOf.toISOString());
    reminded += group.contactIds.length;
  }
  if (reminded) countMetric('TranscriptRemindersSent', reminded);
  return { owed: owed.length, reminded, emails: bySupervisors.size };
}
