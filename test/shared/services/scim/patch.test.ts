/** SCIM PATCH in the forms identity providers send (Entra ID, Okta), and the refusals that write nothing. */
import { describe, expect, it } from 'vitest';
import { parseEqualityFilter, paging } from '../../../../shared/services/scim/filters.ts';
import { patchGroup, patchUser, readOperations } from '../../../../shared/services/scim/patch.ts';
import type { UserAttributes } from '../../../../shared/services/scim/user-resource.ts';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ops = (...Operations: unknown[]) =>
  readOperations({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });
const user = (): UserAttributes => ({
  userName: 'pat@agency.example',
  active: true,
  email: 'pat@agency.example',
  enterprise: { department: 'knox' },
});

describe('patchUser', () => {
  it('takes capitalised ops, "False", dotted keys in a path-less value and a bare manager id (Entra ID)', () => {
    const next = patchUser(
      user(),
      ops(
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Replace', value: { 'name.givenName': 'Pat', displayName: 'Pat Q' } },
        { op: 'Add', path: `${enterprise}:manager`, value: 'stf-boss' },
        { op: 'Replace', path: `${enterprise}:department`, value: 'central' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@agency.example' },
      ),
    );
    expect(next).toMatchObject({
      active: false,
      givenName: 'Pat',
      displayName: 'Pat Q',
      managerId: 'stf-boss',
      email: 'new@agency.example',
      enterprise: { department: 'central' },
    });
  });

  it('takes the boolean false of Entra ID\'s "Disable User" request', () => {
    // https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#disable-user
    expect(patchUser(user(), ops({ op: 'Replace', path: 'active', value: false })).active).toBe(false);
  });

  it('takes Entra ID\'s manager as `path: "manager"` with an array value, and removes it', () => {
    // Microsoft's "Request from Azure AD to an SCIM endpoint to update a user" (the same page, Example 5).
    const value = [{ $ref: 'http://example/scim/Users/2819c223', value: '2819c223' }];
    const managed = patchUser(user(), ops({ op: 'Add', path: 'manager', value }));
    expect(managed.managerId).toBe('2819c223');
    expect(patchUser(managed, ops({ op: 'Remove', path: `${enterprise}:manager` })).managerId).toBeUndefined();
    expect(patchUser(managed, ops({ op: 'Remove', path: 'manager' })).managerId).toBeUndefined();
    expect(patchUser(user(), ops({ op: 'Add', path: `${enterprise}:manager`, value })).managerId).toBe('2819c223');
  });

  it('refuses a manager list of more than one as invalidValue', () => {
    const two = [{ value: 'a' }, { value: 'b' }];
    expect(() => patchUser(user(), ops({ op: 'Add', path: 'manager', value: two }))).toThrow(/one manager/);
  });

  it("takes Okta's lower-case path-less replace of active", () => {
    expect(patchUser(user(), ops({ op: 'replace', value: { active: false } })).active).toBe(false);
  });

  it("refuses with the RFC's scimType and leaves the input untouched", () => {
    const before = user();
    const refusal = (operations: unknown[]) => {
      try {
        patchUser(before, ops(...operations));
      } catch (error) {
        return (error as { scimType?: string }).scimType;
      }
      return 'applied';
    };
    expect(refusal([{ op: 'Replace', path: 'active', value: 'maybe' }])).toBe('invalidValue');
    expect(
      refusal([
        { op: 'Replace', path: 'title', value: 'x' },
        { op: 'Remove', path: 'userName' },
      ]),
    ).toBe('invalidValue');
    expect(refusal([{ op: 'Replace', path: 'shoeSize', value: 9 }])).toBe('invalidPath');
    expect(refusal([{ op: 'Remove' }])).toBe('noTarget');
    expect(() => ops({ op: 'Frobnicate', path: 'title', value: 'x' })).toThrow(/Unknown op/);
    expect(() => readOperations({ Operations: [] })).toThrow(/schemas/);
    expect(before).toEqual(user());
  });
});

describe('patchGroup', () => {
  const group = () => ({ displayName: 'G', members: ['a', 'b'] });
  it('adds and removes members as Entra ID and Okta send them', () => {
    expect(patchGroup(group(), ops({ op: 'Add', path: 'members', value: [{ value: 'c' }] })).members).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(patchGroup(group(), ops({ op: 'Remove', path: 'members', value: [{ value: 'a' }] })).members).toEqual(['b']);
    expect(patchGroup(group(), ops({ op: 'remove', path: 'members[value eq "b"]' })).members).toEqual(['a']);
    expect(patchGroup(group(), ops({ op: 'replace', value: { id: 'x', displayName: 'H' } })).displayName).toBe('H');
  });

  it("applies Okta's remove and add of members in one request, in order", () => {
    // https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20/ "Update specific Group membership"
    const next = patchGroup(
      group(),
      ops(
        { op: 'remove', path: 'members[value eq "a"]' },
        { op: 'add', path: 'members', value: [{ value: 'c', display: 'c@okta.local' }] },
      ),
    );
    expect(next.members).toEqual(['b', 'c']);
  });

  it('a member filter that matches nobody is noTarget', () => {
    expect(() => patchGroup(group(), ops({ op: 'remove', path: 'members[value eq "z"]' }))).toThrow(/not a member/);
  });
});

describe('filters', () => {
  it('one eq on a supported attribute, else invalidFilter', () => {
    expect(parseEqualityFilter('userName eq "A@b"', ['userName'])).toEqual({ attribute: 'userName', value: 'A@b' });
    for (const filter of ['userName eq', 'title eq "x"', 'userName co "x"', '(('])
      expect(() => parseEqualityFilter(filter, ['userName']), filter).toThrow();
  });

  it('paging clamps nonsense rather than failing', () => {
    expect(paging({ startIndex: '0', count: '-5' })).toEqual({ startIndex: 1, count: 0 });
    expect(paging({ count: '5000' })).toEqual({ startIndex: 1, count: 200 });
  });
});
