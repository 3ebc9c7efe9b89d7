import { describe, expect, it } from 'vitest';
import { humanTime } from '../../../shared/views/human-time.ts';

describe('humanTime', () => {
  it('writes a deadline the way people read it', () => {
    expect(humanTime('2026-12-05T07:22:50.940Z')).toBe('Saturday 5 December 2026, 07:22 UTC');
  });
});
