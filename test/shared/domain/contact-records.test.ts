import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { csvField, csvHeader, exportFormatOf, exportLine } from '../../../shared/domain/contact-export.ts';
import { decodeCursor, encodeCursor } from '../../../shared/domain/contact-cursor.ts';
import { canonicalJson, idForKey, requestFingerprint } from '../../../shared/domain/idempotency.ts';
import {
  addDays,
  bucketDayOf,
  daysBetween,
  disposalTime,
  isExpired,
  retainUntilOf,
} from '../../../shared/domain/retention.ts';
import { contactRoutes } from '../../../shared/routes/contacts.ts';
import type { ContactView } from '../../../shared/schemas/contacts.ts';

describe('retention (CT-06)', () => {
  const schedule = { profile: 'tn-dcs', days: 2555 };

  it('counts the retention period from when the contact occurred', () => {
    expect(retainUntilOf('2026-01-01T00:00:00.000Z', schedule)).toBe('2032-12-30T00:00:00.000Z');
  });

  it('a record is expired strictly after its retainUntil, not at it', () => {
    const until = '2033-01-01T00:00:00.000Z';
    expect(isExpired(until, '2032-12-31T23:59:59.999Z')).toBe(false);
    expect(isExpired(until, until)).toBe(false);
    expect(isExpired(until, '2033-01-01T00:00:00.001Z')).toBe(true);
  });

  it('buckets a record on its expiry day, or the day it was recorded when that is later (backfills)', () => {
    expect(bucketDayOf('2033-01-01T05:00:00.000Z', '2026-01-01T09:00:00.000Z')).toBe('2033-01-01');
    expect(bucketDayOf('2019-01-01T05:00:00.000Z', '2026-01-01T09:00:00.000Z')).toBe('2026-01-01');
  });

  it('walks UTC days inclusively', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('disposes as of the scheduled time, never a future one', () => {
    const now = new Date('2026-06-01T12:00:00.000Z');
    expect(disposalTime('2026-06-01T11:59:00Z', now)).toBe('2026-06-01T11:59:00.000Z');
    expect(disposalTime('2099-01-01T00:00:00Z', now)).toBe(now.toISOString());
    expect(disposalTime(undefined, now)).toBe(now.toISOString());
    expect(disposalTime('not a time', now)).toBe(now.toISOString());
  });
});

describe('idempotency', () => {
  it('derives one id per caller and key, shaped like a random id', () => {
    const id = idForKey('ctc', 'stf-case-system', 'key-1');
    expect(id).toMatch(/^ctc_[A-Za-z0-9_-]{22}$/);
    expect(idForKey('ctc', 'stf-case-system', 'key-1')).toBe(id);
    expect(idForKey('ctc', 'stf-other-system', 'key-1')).not.toBe(id);
    expect(idForKey('ctc', 'stf-case-system', 'key-2')).not.toBe(id);
  });

  it('fingerprints bodies regardless of key order, and tells different bodies apart', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 0 }], a: 'x', skip: undefined })).toBe('{"a":"x","b":[2,{"c":0,"d":1}]}');
    expect(requestFingerprint({ a: 1, b: { c: 2 } })).toBe(requestFingerprint({ b: { c: 2 }, a: 1 }));
    expect(requestFingerprint({ a: 1 })).not.toBe(requestFingerprint({ a: 2 }));
  });
});

describe('cursor', () => {
  const position = { occurredAt: '2026-11-20T15:04:05.000Z', contactId: 'ctc_Vb3kQw9ZrT1xYp0LmN8sAe' };

  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64url', '!!!'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    [
      'an extra key',
      Buffer.from(JSON.stringify({ o: position.occurredAt, c: position.contactId, pk: 'CASE#x' })).toString(
        'base64url',
      ),
    ],
    ['a foreign id', Buffer.from(JSON.stringify({ o: position.occurredAt, c: 'HOLD#x' })).toString('base64url')],
    [
      'a loose timestamp',
      Buffer.from(JSON.stringify({ o: '2026-11-20', c: position.contactId })).toString('base64url'),
    ],
  ])('refuses %s with a 400 naming query.cursor', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(
      expect.objectContaining({ status: 400, details: [expect.objectContaining({ field: 'query.cursor' })] }),
    );
  });
});

describe('export rendering', () => {
  const record = {
    contactId: 'ctc_Vb3kQw9ZrT1xYp0LmN8sAe',
    caseId: 'case-1',
    accountId: 'acc_1',
    workerId: 'stf-staff',
    workerName: 'Sky Caseworker',
    workerContact: { email: 'sky@agency.example' },
    recipient: { handle: 'facebook.com/jamie', verified: false },
    channel: 'private-message',
    direction: 'outbound',
    purpose: 'diligent-search',
    messageKind: 'initial-contact-request',
    occurredAt: '2026-11-20T15:04:05.000Z',
    summary: '=1+1, "hi"',
    disclosed: [],
    recordedAt: '2026-11-20T15:05:00.000Z',
    recordedBy: 'stf-case-system',
    workerRegion: 'smoky-mountain',
    retainUntil: '2033-11-19T15:04:05.000Z',
    retentionSchedule: { profile: 'tn-dcs', days: 2555 },
  } as ContactView;

  it('chooses CSV from format= or Accept, NDJSON otherwise', () => {
    expect(exportFormatOf(undefined, 'text/csv')).toBe('csv');
    expect(exportFormatOf('ndjson', 'text/csv')).toBe('ndjson');
    expect(exportFormatOf(undefined, '*/*')).toBe('ndjson');
  });

  it('writes one JSON object per NDJSON line', () => {
    expect(JSON.parse(exportLine('ndjson', record))).toEqual(record);
  });

  it('quotes CSV per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvField('=1+1, "hi"')).toBe(`"'=1+1, ""hi"""`);
    expect(csvField('-2')).toBe(`'-2`);
    expect(csvField(false)).toBe('false');
    expect(csvField(undefined)).toBe('');
    const row = exportLine('csv', record);
    expect(row.endsWith('\r\n')).toBe(true);
    expect(csvHeader().split(',')).toHaveLength(row.match(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g)!.length + 1);
  });
});

describe('the examples the API description shows', () => {
  const withExamples = Object.entries(contactRoutes).flatMap(([key, route]) =>
    [
      'request' in route ? (route.request as { body?: z.ZodMiniType }).body : undefined,
      ...Object.values(route.responses as Record<number, { schema?: z.ZodMiniType }>).map((r) => r.schema),
    ]
      .filter((schema): schema is z.ZodMiniType => schema !== undefined)
      .flatMap((schema) =>
        ((z.toJSONSchema(schema, { unrepresentable: 'any' }) as { examples?: unknown[] }).examples ?? []).map(
          (example) => [key, schema, example] as const,
        ),
      ),
  );

  it('exist', () => {
    expect(withExamples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(withExamples)('%s: its example is valid', (_, schema, example) => {
    expect(schema.safeParse(example).success).toBe(true);
  });
});
