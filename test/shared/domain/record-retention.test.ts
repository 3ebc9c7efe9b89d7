import { describe, expect, it } from 'vitest';
import { retentionAttributes } from '../../../shared/domain/retention.ts';

describe('retentionAttributes', () => {
  const schedule = { profile: 'tn-dcs', days: 10 };

  it('keeps a record for the schedule from its own date, in the bucket of the day it expires', () => {
    const attributes = retentionAttributes(
      { kind: 'incident', id: 'inc_1', at: '2026-01-01T12:00:00.000Z', holdKeys: ['ACCOUNT#acc_1'] },
      schedule,
      '2026-01-01T12:00:01.000Z',
    );
    expect(attributes).toEqual({
      retention: {
        kind: 'incident',
        id: 'inc_1',
        retainUntil: '2026-01-11T12:00:00.000Z',
        schedule,
        holdKeys: ['ACCOUNT#acc_1'],
      },
      gsi4pk: 'RETAIN#2026-01-11',
      gsi4sk: '2026-01-11T12:00:00.000Z#incident#inc_1',
    });
  });

  it('puts a record written after it expired in the bucket of the day it was written, which the job still reads', () => {
    const attributes = retentionAttributes(
      { kind: 'audit-entry', id: 'x', at: '2010-01-01T00:00:00.000Z', holdKeys: [] },
      schedule,
      '2026-03-04T05:06:07.000Z',
    );
    expect(attributes.gsi4pk).toBe('RETAIN#2026-03-04');
  });

  it('names each hold subject once and drops the absent ones', () => {
    const { retention } = retentionAttributes(
      { kind: 'audit-entry', id: 'x', at: '2026-01-01T00:00:00.000Z', holdKeys: ['ACCOUNT#a', undefined, 'ACCOUNT#a'] },
      schedule,
      '2026-01-01T00:00:00.000Z',
    );
    expect(retention.holdKeys).toEqual(['ACCOUNT#a']);
  });
});
