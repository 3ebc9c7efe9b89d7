/**
 * Owed transcripts (TN-12, issue 17.7) against a real DynamoDB Local: a record owing one is written
 * with its marker in one transaction; the marker is found by case and by age through the indexes (a
 * Query, never a Scan); supplying ends it once, concurrently too; a reminder after it arrived notes
 * nothing; a correction settles what the superseded record owed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putContact } from '../../shared/adapters/contacts.ts';
import { noteReminder, owedBefore, owedOfCase, supplyTranscript } from '../../shared/adapters/transcripts.ts';
import type { ContactView } from '../../shared/schemas/contacts.ts';
import { type LocalTables, startLocalTables } from '../support/local-tables.ts';

let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables(['contacts']);
}, 90_000);
afterAll(() => local?.stop());

const record = (contactId: string, overrides: Partial<ContactView> = {}): ContactView => ({
  contactId,
  caseId: 'case-t',
  accountId: 'acc-1',
  workerId: 'stf-1',
  workerName: 'Pat Example',
  workerContact: { email: 'pat@example.gov' },
  recipient: { handle: 'facebook.com/x', verified: true },
  channel: 'private-message',
  direction: 'outbound',
  purpose: 'diligent-search',
  messageKind: 'conversation',
  occurredAt: '2026-11-01T10:00:00.000Z',
  disclosed: [],
  recordedAt: '2026-11-01T10:05:00.000Z',
  recordedBy: 'stf-case-system',
  workerRegion: 'knox',
  retainUntil: '2033-11-01T10:00:00.000Z',
  retentionSchedule: { profile: 'tn-dcs', days: 2555 },
  transcriptOwed: true,
  ...overrides,
});
const id = (n: number) => `ctc_${String(n).padStart(22, '0')}`;
const supplied = (contactId: string, transcriptDocumentId: string, suppliedBy = 'stf-case-system') => ({
  contactId,
  transcriptDocumentId,
  suppliedAt: '2026-11-02T09:00:00.000Z',
  suppliedBy,
});

describe('owed transcripts', () => {
  it('TN-12: a record owing its transcript is listed by case and by age, narrowed like its records', async () => {
    expect(await putContact(record(id(1)), 'fp-1', 'knox')).toBe('created');
    expect(await putContact(record(id(2), { transcriptOwed: undefined }), 'fp-2', 'knox')).toBe('created');
    expect((await owedOfCase('case-t', undefined)).map((o) => o.contactId)).toEqual([id(1)]);
    expect(
      await owedOfCase('case-t', { expression: 'workerRegion = :region', values: { ':region': 'shelby' } }),
    ).toEqual([]);
    expect((await owedBefore('2026-11-01T11:00:00.000Z')).map((o) => o.contactId)).toEqual([id(1)]);
    expect(await owedBefore('2026-11-01T09:00:00.000Z')).toEqual([]);
    // A retry of the same write changes nothing.
    expect(await putContact(record(id(1)), 'fp-1', 'knox')).toBe('exists');
  });

  it('supplying ends the marker once: concurrent supplies of two documents, one wins; the other is told', async () => {
    expect(await putContact(record(id(3)), 'fp-3', 'knox')).toBe('created');
    const outcomes = await Promise.all([
      supplyTranscript(supplied(id(3), 'doc-a')),
      supplyTranscript(supplied(id(3), 'doc-b')),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['different', 'supplied']);
    expect((await owedOfCase('case-t', undefined)).map((o) => o.contactId)).not.toContain(id(3));
    const winner = outcomes.find((o) => o.outcome === 'supplied')!.transcript!.transcriptDocumentId;
    expect((await supplyTranscript(supplied(id(3), winner))).outcome).toBe('same');
    // Another case system learns nothing of it; a reminder now notes nothing (the marker is gone).
    expect((await supplyTranscript(supplied(id(3), winner, 'stf-other-system'))).outcome).toBe('not-owed');
    await noteReminder(id(3), '2026-11-03T00:00:00.000Z');
    expect((await owedBefore('2026-12-01T00:00:00.000Z')).map((o) => o.contactId)).not.toContain(id(3));
  });

  it('a reminder is noted on the marker; a correction moves or settles what the record owed', async () => {
    expect(await putContact(record(id(4)), 'fp-4', 'knox')).toBe('created');
    await noteReminder(id(4), '2026-11-03T00:00:00.000Z');
    expect((await owedOfCase('case-t', undefined)).find((o) => o.contactId === id(4))).toMatchObject({
      remindedAt: '2026-11-03T00:00:00.000Z',
      reminders: 1,
    });
    // A correction that still owes: the obligation moves to it.
    expect(await putContact(record(id(5), { supersedes: id(4) }), 'fp-5', 'knox')).toBe('created');
    let owed = (await owedOfCase('case-t', undefined)).map((o) => o.contactId);
    expect(owed).toContain(id(5));
    expect(owed).not.toContain(id(4));
    // Its correction carrying the transcript: nothing owed.
    const settled = record(id(6), { supersedes: id(5), transcriptOwed: undefined, transcriptDocumentId: 'doc-6' });
    expect(await putContact(settled, 'fp-6', 'knox')).toBe('created');
    owed = (await owedOfCase('case-t', undefined)).map((o) => o.contactId);
    expect(owed).not.toContain(id(5));
    expect(owed).not.toContain(id(6));
  });
});
