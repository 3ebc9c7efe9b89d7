import { describe, expect, it } from 'vitest';
import { accountTerms } from '../../../shared/domain/account-terms.ts';
import { combineProfiles } from '../../../shared/policy/combine.ts';
import { profiles } from '../../../shared/policy/index.ts';

const rulesOf = (profile: Parameters<typeof accountTerms>[0]) => accountTerms(profile).map(({ rule }) => rule);

describe('accountTerms', () => {
  it('TN-08: a Tennessee account is approved under no friends and no changes, a change being an incident', () => {
    expect(accountTerms(profiles['tn-dcs'])).toEqual([
      {
        rule: 'TN-08',
        term: expect.stringMatching(/^Add no friends and change nothing else on the account.*incident/),
      },
    ]);
  });

  it('DC-06: a DC account is approved under no friending clients, even when asked, and nothing confidential', () => {
    expect(accountTerms(profiles['dc-cfsa'])).toEqual([
      { rule: 'DC-06', term: expect.stringMatching(/friending.*even when the client asks.*nothing confidential/) },
    ]);
  });

  it('NJ-08: a New Jersey account is approved under no friending, liking, games or personal talk', () => {
    expect(accountTerms(profiles['nj-dcf'])).toEqual([
      {
        rule: 'NJ-08',
        term: expect.stringMatching(/"friend", "like" or "favorite".*no games.*no personal information/),
      },
    ]);
  });

  it('a combined profile carries every term its profiles list; a profile listing none carries none', () => {
    expect(rulesOf(combineProfiles([profiles['tn-dcs'], profiles['dc-cfsa'], profiles['nj-dcf']]))).toEqual([
      'TN-08',
      'DC-06',
      'NJ-08',
    ]);
    expect(accountTerms(profiles['ct-dcf'])).toEqual([]);
    expect(accountTerms(profiles['mo-dss'])).toEqual([]);
  });
});
