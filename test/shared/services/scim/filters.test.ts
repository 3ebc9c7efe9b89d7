/**
 * SCIM filters as Entra ID and Okta send them (issue 15.1): `eq` joined by `and`, and the work email
 * through a value filter. Entra ID "queries users by userName or emails[type eq "work"].value ... Only eq
 * and and filter operators are used" (https://learn.microsoft.com/entra/identity/app-provisioning/
 * use-scim-to-provision-users-and-groups, "User Operations"); Okta filters with `eq` only
 * (https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20/, "Determine if the User already exists").
 */
import { describe, expect, it } from 'vitest';
import { type FilterAttributes, matchesFilter, parseFilter } from '../../../../shared/services/scim/filters.ts';

const attributes: FilterAttributes = {
  username: { attribute: 'userName', type: 'string' },
  externalid: { attribute: 'externalId', type: 'string', caseExact: true },
  active: { attribute: 'active', type: 'boolean' },
  'emails.value': { attribute: 'email', type: 'string' },
  'emails.type': { attribute: 'emailType', type: 'string' },
};
const scimType = (filter: string) => {
  try {
    parseFilter(filter, attributes);
  } catch (error) {
    return (error as { scimType?: string }).scimType;
  }
  return 'parsed';
};

describe('parseFilter', () => {
  it('takes eq terms joined by and', () => {
    expect(parseFilter('userName eq "x" and active eq true', attributes)).toEqual([
      { attribute: 'userName', value: 'x', caseExact: false },
      { attribute: 'active', value: true, caseExact: false },
    ]);
  });

  it('takes the work email as Entra ID filters it', () => {
    expect(parseFilter('emails[type eq "work"].value eq "a@b.example"', attributes)).toEqual([
      { attribute: 'emailType', value: 'work', caseExact: false },
      { attribute: 'email', value: 'a@b.example', caseExact: false },
    ]);
  });

  it('refuses what it cannot answer exactly as invalidFilter', () => {
    for (const filter of [
      'userName eq "a" or userName eq "b"',
      'not (userName eq "a")',
      'userName co "a"',
      'active eq "true"',
      'title eq "x"',
      'userName eq',
      '((',
    ])
      expect(scimType(filter), filter).toBe('invalidFilter');
  });
});

describe('matchesFilter', () => {
  const terms = parseFilter('userName eq "Pat@Agency.example" and active eq true and externalId eq "E1"', attributes);
  it('compares userName case-insensitively, externalId exactly, booleans as booleans', () => {
    const values = { userName: 'pat@agency.example', active: true, externalId: 'E1' };
    expect(matchesFilter(terms, (a) => values[a as keyof typeof values])).toBe(true);
    expect(matchesFilter(terms, (a) => ({ ...values, active: false })[a as keyof typeof values])).toBe(false);
    expect(matchesFilter(terms, (a) => ({ ...values, externalId: 'e1' })[a as keyof typeof values])).toBe(false);
  });
});
