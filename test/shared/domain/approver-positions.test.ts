import { describe, expect, it } from 'vitest';
import { approverPositions } from '../../../shared/domain/approver-positions.ts';
import { profiles } from '../../../shared/policy/index.ts';

describe('approverPositions', () => {
  it('CT-07: under ct-dcf, Information Services approves each account, and the position says so', () => {
    expect(approverPositions(profiles['ct-dcf'].accountCreation)).toEqual([
      { role: 'info-services', rules: ['CT-07'] },
    ]);
  });

  it("one position per approver role, in the profile's order, each citing the profile's approval rule", () => {
    const rules = profiles['nj-dcf'].accountCreation;
    const positions = approverPositions(rules);
    expect(positions.map(({ role }) => role)).toEqual(['director', 'it-director']);
    expect(positions.every((position) => position.rules.join() === rules.rules.join())).toBe(true);
  });

  it("CT-02: under a combination each position cites every agency's approval rule", () => {
    const positions = approverPositions({
      approverRoles: ['info-services', 'communications'],
      rules: ['CT-07', 'TN-02'],
    });
    expect(positions).toEqual([
      { role: 'info-services', rules: ['CT-07', 'TN-02'] },
      { role: 'communications', rules: ['CT-07', 'TN-02'] },
    ]);
  });
});
