import { describe, expect, it } from 'vitest';
import { acknowledgmentTerms } from '../../../shared/policy/acknowledgment-terms.ts';
import { combineProfiles } from '../../../shared/policy/combine.ts';
import { profiles } from '../../../shared/policy/index.ts';
import { rules } from '../../../shared/policy/rules.ts';

describe('acknowledgmentTerms (issue 17.2)', () => {
  it("ct-dcf: the conduct rules and the training, each with the catalogue's wording", () => {
    const terms = acknowledgmentTerms(profiles['ct-dcf']);
    expect(terms.map((term) => term.rule)).toEqual(['CT-04', 'CT-05', 'CT-09', 'CT-11', 'CT-13']);
    expect(terms[0]).toEqual({ rule: 'CT-04', wording: 'State equipment is for business use only.' });
    for (const term of terms) expect(term.wording).toBe(rules[term.rule].summary);
  });

  it("a combination acknowledges every agency's conduct rules (DC-05 with dc-cfsa)", () => {
    const combined = combineProfiles([profiles['ct-dcf'], profiles['dc-cfsa']]);
    expect(acknowledgmentTerms(combined).map((term) => term.rule)).toEqual([
      'CT-04',
      'CT-05',
      'CT-09',
      'CT-11',
      'CT-13',
      'DC-05',
    ]);
  });

  it('a profile without conduct rules or training has nothing to acknowledge', () => {
    expect(acknowledgmentTerms(profiles['tn-dcs'])).toEqual([]);
  });
});
