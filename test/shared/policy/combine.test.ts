/**
 * CT-02 as a property: for any two profiles, every setting of their combination is the narrower
 * permission, the union of duties, texts and cited rules, or the shorter deadline. The relations are
 * typed against the profile, so a new setting cannot be added without saying what "stricter" means.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillProfileConstants } from '../../../shared/domain/about-text.ts';
import { offsetMinutes } from '../../../shared/domain/local-day.ts';
import { combineProfiles } from '../../../shared/policy/combine.ts';
import { profiles } from '../../../shared/policy/index.ts';
import type { PolicyProfile } from '../../../shared/policy/schema.ts';

type Relation<T> = (combined: T, a: T, b: T) => boolean;
type RelationSpec<T> = {
  [K in keyof T]-?: T[K] extends readonly unknown[] | string | number | boolean | null
    ? Relation<T[K]>
    : RelationSpec<T[K]> | Relation<T[K]>;
};

const key = (value: unknown) => JSON.stringify(value);
const subset = <T>(c: readonly T[], a: readonly T[]) => c.every((v) => a.map(key).includes(key(v)));
/** A permission: what the combination allows, both allow. */
const narrower: Relation<readonly unknown[]> = (c, a, b) => subset(c, a) && subset(c, b);
/** A duty, a text, a cited rule: every one of either stays. */
const union: Relation<readonly unknown[]> = (c, a, b) => subset(a, c) && subset(b, c);
const atMost: Relation<number> = (c, a, b) => c <= a && c <= b;
const atLeast: Relation<number> = (c, a, b) => c >= a && c >= b;
/** A requirement of either is a requirement of the combination. */
const required: Relation<boolean> = (c, a, b) => c === (a || b);
/** A permission only where both give it. */
const permitted: Relation<boolean> = (c, a, b) => c === (a && b);
const limit: Relation<number | null> = (c, a, b) =>
  a === null && b === null ? c === null : c !== null && (a === null || c <= a) && (b === null || c <= b);
const contains: Relation<string> = (c, a, b) => c.includes(a) && c.includes(b);
/** A permission where null means anyone: the combination allows what both allow. */
const narrowerOrAny: Relation<readonly unknown[] | null> = (c, a, b) =>
  a === null && b === null ? c === null : c !== null && (a === null || subset(c, a)) && (b === null || subset(c, b));
type GrantApproval = PolicyProfile['access']['grantApproval'];
/** NJ-02: an approval either asks for is asked for, by every approver either names, within the shorter wait. */
const approvalDuty: Relation<GrantApproval> = (c, a, b) =>
  a === null && b === null
    ? c === null
    : c !== null &&
      [a, b].every(
        (p) =>
          p === null ||
          (subset(p.approverRoles, c.approverRoles) &&
            c.expireAfterHours <= p.expireAfterHours &&
            (p.approverScope === 'region' || c.approverScope === 'statewide')),
      );

const winter = Date.UTC(2026, 0, 15);
/** Issue 19.4: one of the two zones, and the one whose day ends no later ("by end of day" is never later). */
const earlierDayEnd: Relation<string> = (c, a, b) =>
  (c === a || c === b) && [a, b].every((zone) => offsetMinutes(c, winter) >= offsetMinutes(zone, winter));
/** Every region either profile names keeps a zone one of them gives it. */
const regionZones: Relation<Record<string, string>> = (c, a, b) =>
  Object.keys({ ...a, ...b }).every((region) => c[region] === a[region] || c[region] === b[region]) &&
  Object.keys(c).every((region) => region in a || region in b);

const relations: RelationSpec<PolicyProfile> = {
  id: (c, a, b) => c === `${a}+${b}`,
  agency: contains,
  rules: union,
  timeZone: { agency: earlierDayEnd, regions: regionZones },
  accountCreation: {
    rules: union,
    purposeRules: union,
    requesterRoles: narrower,
    approverRoles: union,
    approverScope: (c, a, b) => c === (a === 'statewide' || b === 'statewide' ? 'statewide' : 'region'),
    approvalOrder: (c, a, b) => c === (a === 'serial' || b === 'serial' ? 'serial' : 'parallel'),
    quorum: (c, a, b) =>
      a === 'all' || b === 'all' ? c === 'all' : c !== 'all' && atLeast(c, a as number, b as number),
    reminderAfterHours: atMost,
    escalateAfterHours: atMost,
    expireAfterHours: atMost,
    purposes: narrower,
    oneClientContactAccountPerRegionAndPlatform: required,
    platforms: narrower,
  },
  access: {
    grantorRoles: narrower,
    maxGrantsPerOffice: limit,
    requireHrAcknowledgment: required,
    supervisorsMayReveal: permitted,
    maxGrantDays: limit,
    longTermRequesterRoles: narrowerOrAny,
    grantApproval: approvalDuty,
  },
  rotation: {
    intervalDays: atMost,
    taskDueHours: atMost,
    reminderAfterHours: atMost,
    escalateAfterHours: atMost,
    onlyDesignatedAdministrators: required,
    notifySupervisors: required,
    forbidReuse: required,
    passwordLength: atLeast,
  },
  contacts: {
    requireWorkerIdentity: required,
    unverifiedRecipientInitialRequestOnly: required,
    requireLastResortReason: required,
    publicCommentRequiresReason: required,
    allowedWorkerUnits: (c, a, b) =>
      a === null && b === null
        ? c === null
        : c !== null && (a === null || subset(c, a)) && (b === null || subset(c, b)),
    forbiddenPurposes: union,
    researchRequiresJustification: required,
    // TN-12: a transcript owed anywhere is owed in the combination, reminded at the shorter interval.
    transcriptReminderHours: limit,
  },
  retention: { contactRecordDays: atLeast, auditRecordDays: atLeast, recordDays: atLeast },
  hotlines: union,
  // Checked against each profile's own text with its hotline filled in (below).
  aboutTemplate: contains,
  aboutRequiredFields: union,
  postSuggestions: { enabled: required, reviewerRoles: union, maxHoldDays: atMost, linkValidDays: atMost },
  delegations: { maxDays: atMost },
  departures: {
    rotateOnGoodStanding: required,
    reminderAfterHours: atMost,
    escalateAfterHours: atMost,
    unexplainedDeactivationStanding: (c, a, b) => c === (a === 'bad' || b === 'bad' ? 'bad' : 'good'),
  },
};

/** Every leaf of the relation spec, as a path and its relation. */
function leaves(spec: object, path: string[] = []): [string, string[], Relation<unknown>][] {
  return Object.entries(spec).flatMap(([name, node]) =>
    typeof node === 'function'
      ? [
          [[...path, name].join('.'), [...path, name], node as Relation<unknown>] as [
            string,
            string[],
            Relation<unknown>,
          ],
        ]
      : leaves(node as object, [...path, name]),
  );
}
const at = (value: unknown, path: string[]) =>
  path.reduce<unknown>((node, name) => (node as Record<string, unknown>)[name], value);

const named = Object.values(profiles) as PolicyProfile[];
/** Any value a leaf takes in some agency's profile, or a random one of its kind. */
function leafArbitrary(path: string[]): fc.Arbitrary<unknown> {
  const values = named.map((profile) => at(profile, path));
  if (values.every((v) => typeof v === 'boolean')) return fc.boolean();
  if (path.at(-1) === 'quorum') return fc.constantFrom<'all' | number>('all', 1, 2, 3);
  if (values.every((v) => typeof v === 'number')) return fc.integer({ min: 1, max: 5000 });
  if (values.every((v) => v === null || typeof v === 'number')) return fc.option(fc.integer({ min: 1, max: 400 }));
  if (values.every((v) => v === null || Array.isArray(v))) {
    const pool = [...new Map(values.flatMap((v) => (v as unknown[] | null) ?? []).map((v) => [key(v), v])).values()];
    const lists = fc.subarray(pool, { minLength: path.at(-1) === 'hotlines' ? 1 : 0 });
    return values.includes(null) ? fc.option(lists) : lists;
  }
  return fc.constantFrom(...values);
}
const leafPaths = leaves(relations);
/** A profile built leaf by leaf from the agencies' values and random ones. */
const anyProfile: fc.Arbitrary<PolicyProfile> = fc
  .tuple(...leafPaths.map(([, path]) => leafArbitrary(path)))
  .map((values) => {
    const profile = structuredClone(profiles['tn-dcs']) as unknown as Record<string, Record<string, unknown>>;
    leafPaths.forEach(([, path], i) => {
      const parent = path.length === 1 ? profile : profile[path[0]!]!;
      (parent as Record<string, unknown>)[path.at(-1)!] = values[i];
    });
    return profile as unknown as PolicyProfile;
  });

describe('combineProfiles', () => {
  it.each(leafPaths.map(([name, path, relation]) => ({ name, path, relation })))(
    'CT-02 $name: the combination of any two profiles is the narrower or the union',
    ({ path, relation }) => {
      const failures: string[] = [];
      fc.assert(
        fc.property(anyProfile, anyProfile, (a, b) => {
          const combined = combineProfiles([a, b]);
          const [left, right] =
            path[0] === 'aboutTemplate'
              ? [fillProfileConstants(a), fillProfileConstants(b)]
              : [at(a, path), at(b, path)];
          if (!relation(at(combined, path), left, right)) failures.push(key([left, right, at(combined, path)]));
        }),
        { numRuns: 200 },
      );
      expect(failures.slice(0, 3), 'CT-02').toEqual([]);
    },
  );

  it("CT-02: ct-dcf+tn-dcs publishes each agency its own hotline, never Connecticut's on Tennessee's text", () => {
    const combined = combineProfiles([profiles['ct-dcf'], profiles['tn-dcs']]);
    const [connecticut, tennessee] = combined.aboutTemplate.split('\n\n---\n\n');
    expect(connecticut).toContain('1-800-842-2288');
    expect(tennessee).not.toContain('1-800-842-2288');
    expect(combined.hotlines.map((h) => h.name)).toEqual(['Connecticut DCF Careline', 'Tennessee Child Abuse Hotline']);
    expect(combined.accountCreation.rules, 'CT-02').toEqual(['CT-07', 'TN-02']);
  });

  it('CT-02: supervisors may reveal only where every profile lets them', () => {
    const withholding = {
      ...profiles['tn-dcs'],
      access: { ...profiles['tn-dcs'].access, supervisorsMayReveal: false },
    };
    expect(combineProfiles([profiles['nj-dcf'], withholding]).access.supervisorsMayReveal, 'CT-02').toBe(false);
  });
});
