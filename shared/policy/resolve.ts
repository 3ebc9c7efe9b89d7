/**
 * Where a deployment's profiles are chosen (synth in infra/app.ts, the local runtime's start), they
 * are checked in full: each against the profile schema, and their combination too, since two
 * profiles can leave nothing of a setting (allowed platforms that do not overlap). Functions then
 * use shared/policy/index.ts's profileOf, the same combination without the schema.
 */
import { combineProfiles } from './combine.ts';
import { namedProfiles } from './index.ts';
import { policyProfileSchema, type PolicyProfile } from './schema.ts';

/**
 * The strictest combination of `named` (CT-02), each and the result validated; throws when it is not a
 * usable profile.
 */
export function checkedCombination(named: readonly PolicyProfile[]): PolicyProfile {
  const combined = combineProfiles(named.map((profile) => policyProfileSchema.parse(profile)));
  const result = policyProfileSchema.safeParse(combined);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Profiles ${named.map((p) => p.id).join(' + ')} cannot be combined: nothing is left of ${fields}.`);
  }
  return result.data;
}

/**
 * Validates and combines the named profiles; throws on an unknown id, an invalid profile or an unusable
 * combination.
 */
export function resolveProfile(ids: readonly string[]): PolicyProfile {
  return checkedCombination(namedProfiles(ids));
}
