import { describe, expect, it } from 'vitest';
import { approverPositions } from '../../../shared/domain/approver-positions.ts';
import { profiles } from '../../../shared/policy/index.ts';

describe('approverPositions', () => {
  it('CT-07: under ct-dcf, Information Services approves each account, and the position says so', () => {
    expect(approverPositions(profiles['ct-dcf'].accountCreation)).toEqual([{ role: 'info-services', rule: 'CT-07' }]);
  });

  it("one position per approver role, in the profile's order, each citing the profile's approval rule", () => {
    const rules = profiles['nj-dcf'].accountCreation;
    const positions = approverPositions(rules);
    expect(positions.map(({ role }) => role)).toEqual(['director', 'it-director']);
    expect(positions.every(({ rule }) => rule === rules.rule)).toBe(true);
  });
});
