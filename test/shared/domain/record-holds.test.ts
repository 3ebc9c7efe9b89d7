import { describe, expect, it } from 'vitest';
import { requireMayLiftHold } from '../../../shared/domain/record-holds.ts';

describe('requireMayLiftHold', () => {
  const hold = { region: 'smoky-mountain' };

  it('CT-06: a records officer or counsel lifts a hold', () => {
    expect(() => requireMayLiftHold({ roles: ['records-officer'], region: 'central' }, hold)).not.toThrow();
    expect(() => requireMayLiftHold({ roles: ['legal'], region: 'central' }, hold)).not.toThrow();
  });

  it('CT-06 refuses operations and a director, even one who is also a records officer of the held region', () => {
    for (const caller of [
      { roles: ['operations'], region: 'central' },
      { roles: ['director'], region: 'smoky-mountain' },
      { roles: ['director', 'records-officer'], region: 'smoky-mountain' },
    ]) {
      expect(() => requireMayLiftHold(caller, hold)).toThrow(expect.objectContaining({ status: 403, rule: 'CT-06' }));
    }
    expect(() => requireMayLiftHold({ roles: ['director', 'legal'], region: 'knox' }, hold)).not.toThrow();
  });
});
