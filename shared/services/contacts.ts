/**
 * Recording a contact (TN-12): the case system posts it, the profile's rules decide whether it may
 * stand (shared/domain/contact-rules.ts), and it is written once, with its retention, never changed.
 *
 * Idempotency: with an Idempotency-Key the record's id is derived from the caller and the key
 * (shared/domain/idempotency.ts), and the record is created by a conditional put. The record is
 * its own idempotency token, so exactly one record exists per key by construction, and every
 * duplicate (a retry, or any of 100 concurrent copies) reads the winner back and answers with the
 * identical 201. Powertools' idempotency utility was not used: it writes an in-progress item
 * before the handler runs and answers concurrent duplicates with an "already in progress" error,
 * and exactly-once would then rest on two writes (the marker and the record) agreeing.
 */
import { requireNotSuspended } from '../domain/suspension.ts';
import { contactChecks } from '../adapters/contact-checks.ts';
import { getContact, putContact } from '../adapters/contacts.ts';
import type { Caller } from '../auth/caller.ts';
import { caseSystemRegions, requireServedRegion } from '../domain/case-system-scope.ts';
import { contactViolations, locatorBanEvidence, transcriptOwedEvidence } from '../domain/contact-rules.ts';
import { idForKey, requestFingerprint } from '../domain/idempotency.ts';
import { newId } from '../domain/ids.ts';
import { retainUntilOf } from '../domain/retention.ts';
import { ConflictError, PolicyViolationError, ValidationError } from '../errors.ts';
import { activeProfile } from '../policy/index.ts';
import type { ContactBody, ContactView } from '../schemas/contacts.ts';
import { countMetric, logger } from '../telemetry.ts';

/** Clocks of case systems drift; a contact "from the future" beyond this is a client bug. */
const maxClockSkewMs = 5 * 60_000;
const writeAttempts = 5;

const iso = (timestamp: string) => new Date(timestamp).toISOString();

/** The original response for a retry, or 409 when the key was used for another body. */
async function replay(contactId: string, fingerprint: string): Promise<{ contactId: string } | undefined> {
  const existing = await getContact(contactId);
  if (!existing) return undefined;
  if (existing.requestFingerprint !== fingerprint) {
    throw new ConflictError(
      'This Idempotency-Key was already used for a different contact record; use a new key for a new record.',
      'IdempotencyKeyReused',
    );
  }
  return { contactId };
}

/**
 * Optional free-text fields left blank are not kept: a blank reason is no reason (the rules read it
 * that way too). The protected names served the checks only and are never kept (issue 17.6).
 */
const withoutBlanks = (body: ContactBody): Omit<ContactBody, 'protectedNames'> =>
  Object.fromEntries(
    Object.entries(body).filter(([key, value]) => key !== 'protectedNames' && (key === 'workerName' || value !== '')),
  ) as Omit<ContactBody, 'protectedNames'>;

export async function recordContact(
  caller: Caller,
  body: ContactBody,
  idempotencyKey: string | undefined,
  now = new Date(),
): Promise<{ contactId: string }> {
  const fingerprint = requestFingerprint(body);
  const contactId = idempotencyKey ? idForKey('ctc', caller.id, idempotencyKey) : newId('ctc');
  // A retry is answered with the original 201 even if a rule would now refuse it (say, the grant
  // has since been revoked): before any refusal, the record the key names is looked for. A first
  // attempt, the common case, costs no read for it; its write finds a retry's record anyway.
  const refuse = async (error: Error): Promise<{ contactId: string }> => {
    const original = idempotencyKey ? await replay(contactId, fingerprint) : undefined;
    if (original) return original;
    throw error;
  };
  const occurredAt = iso(body.occurredAt);
  if (Date.parse(occurredAt) > now.getTime() + maxClockSkewMs) {
    return refuse(
      new ValidationError('A contact cannot have occurred in the future.', [
        { field: 'body.occurredAt', message: 'in the future' },
      ]),
    );
  }

  const profile = activeProfile();
  const { account, worker, grant } = await contactChecks(body.accountId, body.workerId, occurredAt);
  // Only for the regions it serves (issue 16.7); an unknown account is TN-01's refusal below.
  if (account) requireServedRegion(caseSystemRegions(caller), account.region);
  // DC-01: a suspended account records nothing more.
  try {
    if (account) requireNotSuspended(account);
  } catch (error) {
    return refuse(error as Error);
  }
  // A grant left behind for someone no longer in the directory does not count.
  const workerHoldsGrant = grant !== undefined && worker !== undefined;
  const violations = contactViolations(
    body,
    { accountStatus: account?.status, accountPurpose: account?.purpose, workerUnit: worker?.unit, workerHoldsGrant },
    profile,
  );
  const [first] = violations;
  if (first) {
    return refuse(
      new PolicyViolationError(
        first.rule,
        first.message,
        violations.map((v) => ({ field: `body.${v.field}`, message: `${v.rule}: ${v.message}` })),
      ),
    );
  }

  const schedule = { profile: profile.id, days: profile.retention.contactRecordDays };
  const transcriptOwed = transcriptOwedEvidence(body, profile);
  const evidence = [locatorBanEvidence(body, { workerUnit: worker?.unit }, profile), transcriptOwed].filter(
    (entry) => entry !== undefined,
  );
  const record: ContactView = {
    ...withoutBlanks(body),
    contactId,
    occurredAt,
    disclosed: [...new Set(body.disclosed ?? [])],
    ...(evidence.length ? { evidence } : {}),
    ...(transcriptOwed ? { transcriptOwed: true } : {}),
    recordedAt: now.toISOString(),
    recordedBy: caller.id,
    // Known to exist: a worker without a directory entry was refused above (TN-07).
    workerRegion: worker!.region,
    retainUntil: retainUntilOf(occurredAt, schedule),
    retentionSchedule: schedule,
  };
  for (let attempt = 1; attempt <= writeAttempts; attempt++) {
    const outcome = await putContact(record, fingerprint, account!.region);
    if (outcome === 'created') {
      logger.info('contact recorded', {
        contactId,
        accountId: record.accountId,
        supersedes: record.supersedes,
        transcriptOwed: record.transcriptOwed ?? false,
      });
      countMetric('ContactsRecorded');
      return { contactId };
    }
    if (outcome === 'superseded-unknown') {
      throw new ValidationError('The record to supersede does not exist or was not written by this case system.', [
        { field: 'body.supersedes', message: 'unknown contact record' },
      ]);
    }
    if (outcome === 'already-superseded') {
      throw new ConflictError(
        `${record.supersedes} has already been corrected; supersede its latest correction instead.`,
        'AlreadySuperseded',
      );
    }
    if (outcome === 'exists') {
      // A retry, or a concurrent duplicate that got there first (with a random id this cannot happen).
      const original = await replay(contactId, fingerprint);
      if (original) return original;
    }
    // A transaction conflict with a concurrent duplicate: back off a little and look again.
    await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
  }
  throw new ConflictError(
    'Concurrent writes of this record did not settle; retry with the same Idempotency-Key.',
    'ConcurrentWrite',
  );
}
