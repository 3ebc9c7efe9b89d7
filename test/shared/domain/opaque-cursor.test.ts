import { describe, expect, it } from 'vitest';
import { decodeAuditCursor, encodeAuditCursor } from '../../../shared/domain/audit-cursor.ts';
import { decodeCursor, encodeCursor } from '../../../shared/domain/contact-cursor.ts';
import { ValidationError } from '../../../shared/errors.ts';

const forged = (fields: unknown) => Buffer.from(JSON.stringify(fields)).toString('base64url');

describe('opaque cursors (contact lists, the audit trail of issue 19.3)', () => {
  const sk = '2026-12-04T03:05:00.000Z#abcDEF12';
  const position = { occurredAt: '2026-12-04T03:05:00.000Z', contactId: `ctc_${'a'.repeat(22)}` };

  it('round-trip the position they were issued for', () => {
    expect(decodeAuditCursor(encodeAuditCursor(sk))).toBe(sk);
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64url', '!!'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['an array', forged([sk])],
    ['an extra field', forged({ s: sk, pk: 'ACCOUNT#other' })],
    ['a missing field', forged({})],
    ['a field of the wrong shape', forged({ s: 'ACCOUNT#acc_1' })],
    ["the other list's cursor", encodeCursor(position)],
  ])('refuse %s with 400 naming query.cursor', (_, cursor) => {
    expect(() => decodeAuditCursor(cursor)).toThrow(ValidationError);
    try {
      decodeAuditCursor(cursor);
    } catch (error) {
      expect((error as ValidationError).details).toEqual([
        { field: 'query.cursor', message: 'pass nextCursor exactly as received' },
      ]);
    }
  });

  it("a contact cursor refuses the audit trail's and a forged contact id", () => {
    expect(() => decodeCursor(encodeAuditCursor(sk))).toThrow(ValidationError);
    expect(() => decodeCursor(forged({ o: position.occurredAt, c: 'ctc_short' }))).toThrow(ValidationError);
  });
});
