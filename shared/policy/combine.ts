/**
 * CT-02: where policies conflict, the more restrictive applies. A deployment may run several
 * profiles at once; every setting is merged with the rule below that says which value is stricter.
 * The spec is typed against the profile so a new setting cannot be added without deciding this.
 */
import { fillProfileConstants } from '../domain/about-text.ts';
import { offsetMinutes } from '../domain/local-day.ts';
import type { PolicyProfile } from './schema.ts';

type Merge<T> = (a: T, b: T) => T;
type CombineSpec<T> = {
  [K in keyof T]-?: T[K] extends readonly unknown[] | string | number | boolean | null
    ? Merge<T[K]>
    : CombineSpec<T[K]> | Merge<T[K]>;
};

const min: Merge<number> = (a, b) => Math.min(a, b);
const max: Merge<number> = (a, b) => Math.max(a, b);
/** A requirement in force in either profile is in force in the combination. */
const either: Merge<boolean> = (a, b) => a || b;
/** A bad standing is the stricter one: it rotates the passwords. */
const worseStanding: Merge<'good' | 'bad'> = (a, b) => (a === 'bad' || b === 'bad' ? 'bad' : 'good');
/** Only what both allow stays allowed. */
const intersect = <T>(a: readonly T[], b: readonly T[]): T[] => a.filter((value) => b.includes(value));
/** Every duty (approver, forbidden purpose, rule) of either profile applies. */
const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])];
/** null means "no limit", so any number is stricter than null. */
const minLimit: Merge<number | null> = (a, b) => (a === null ? b : b === null ? a : Math.min(a, b));
const intersectOrAny = <T>(a: T[] | null, b: T[] | null): T[] | null =>
  a === null ? b : b === null ? a : intersect(a, b);
/** Required texts and numbers (hotlines) of every agency stay, each once. */
const unionBy = <T>(a: readonly T[], b: readonly T[]): T[] => {
  const seen = new Set(a.map((value) => JSON.stringify(value)));
  return [...a, ...b.filter((value) => !seen.has(JSON.stringify(value)))];
};
/** Each agency's About text is published in full, one after the other (TN-15 prescribes its words). */
const bothTexts: Merge<string> = (a, b) => (a.split('\n\n---\n\n').includes(b) ? a : `${a}\n\n---\n\n${b}`);
/** Approvers from the statewide office are the ones a regional look-up could not find. */
const widerScope: Merge<'region' | 'statewide'> = (a, b) => (a === 'statewide' || b === 'statewide' ? 'statewide' : a);
/**
 * Issue 19.4: the zone whose day ends first (the easternmost, compared in standard time), so a due date
 * "by end of day" is never later than either agency's own would be: CT-02's more restrictive reading.
 * Every time shown names its zone, so nobody reads it as their own.
 */
const earlierDayEnd: Merge<string> = (a, b) => {
  const winter = Date.UTC(2026, 0, 15);
  return offsetMinutes(b, winter) > offsetMinutes(a, winter) ? b : a;
};
/** A region keeps the zone its own agency names; a region id both name takes the earlier day end. */
const regionZones: Merge<Record<string, string>> = (a, b) => {
  const out = { ...a };
  for (const [region, zone] of Object.entries(b)) out[region] = out[region] ? earlierDayEnd(out[region], zone) : zone;
  return out;
};
/** A permission stays only where every profile grants it. */
const both: Merge<boolean> = (a, b) => a && b;

const spec: CombineSpec<PolicyProfile> = {
  id: (a, b) => `${a}+${b}`,
  agency: (a, b) => `${a} + ${b}`,
  rules: union,
  timeZone: { agency: earlierDayEnd, regions: regionZones },
  accountCreation: {
    rules: union,
    purposeRules: union,
    requesterRoles: intersect,
    approverRoles: union,
    approverScope: widerScope,
    approvalOrder: (a, b) => (a === 'serial' || b === 'serial' ? 'serial' : 'parallel'),
    quorum: (a, b) => (a === 'all' || b === 'all' ? 'all' : Math.max(a, b)),
    reminderAfterHours: min,
    escalateAfterHours: min,
    expireAfterHours: min,
    purposes: intersect,
    oneClientContactAccountPerRegionAndPlatform: either,
    platforms: intersect,
  },
  access: {
    grantorRoles: intersect,
    maxGrantsPerOffice: minLimit,
    requireHrAcknowledgment: either,
    // NJ-05 makes it a duty in New Jersey, but a permission another agency withholds is not widened here.
    supervisorsMayReveal: both,
    maxGrantDays: minLimit,
    longTermRequesterRoles: intersectOrAny,
    grantApproval: (a, b) =>
      a === null
        ? b
        : b === null
          ? a
          : {
              ...a,
              approverRoles: union(a.approverRoles, b.approverRoles),
              approverScope: widerScope(a.approverScope, b.approverScope),
              expireAfterHours: min(a.expireAfterHours, b.expireAfterHours),
            },
  },
  rotation: {
    intervalDays: min,
    taskDueHours: min,
    reminderAfterHours: min,
    escalateAfterHours: min,
    onlyDesignatedAdministrators: either,
    notifySupervisors: either,
    forbidReuse: either,
    passwordLength: max,
  },
  contacts: {
    requireWorkerIdentity: either,
    unverifiedRecipientInitialRequestOnly: either,
    requireLastResortReason: either,
    publicCommentRequiresReason: either,
    allowedWorkerUnits: intersectOrAny,
    forbiddenPurposes: union,
    researchRequiresJustification: either,
    transcriptReminderHours: minLimit,
  },
  retention: { contactRecordDays: max, auditRecordDays: max, recordDays: max },
  hotlines: unionBy,
  aboutTemplate: bothTexts,
  aboutRequiredFields: union,
  postSuggestions: { enabled: either, reviewerRoles: union, maxHoldDays: min, linkValidDays: min },
  delegations: { maxDays: min },
  departures: {
    rotateOnGoodStanding: either,
    reminderAfterHours: min,
    escalateAfterHours: min,
    unexplainedDeactivationStanding: worseStanding,
  },
};

function mergeWith(node: unknown, a: unknown, b: unknown): unknown {
  if (typeof node === 'function') return (node as Merge<unknown>)(a, b);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
    out[key] = mergeWith(child, (a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
  }
  return out;
}

/**
 * The strictest combination of the given profiles, not validated: shared/policy/resolve.ts checks
 * that the result is a usable profile where a deployment's profiles are chosen. Each About text gets
 * its own agency's hotline and name before the texts are joined, so none names another's.
 * @enforces CT-02
 */
export function combineProfiles(profiles: readonly PolicyProfile[]): PolicyProfile {
  const [head, ...rest] = profiles.map((profile) => ({ ...profile, aboutTemplate: fillProfileConstants(profile) }));
  if (!head) throw new Error('combineProfiles needs at least one profile.');
  return rest.reduce<unknown>((acc, next) => mergeWith(spec, acc, next), head) as PolicyProfile;
}
