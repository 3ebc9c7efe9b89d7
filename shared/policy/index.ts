/**
 * The profiles a deployment can run and how to get the one in force. The deployment names them in
 * POLICY_PROFILE (`tn-dcs`, or `nj-dcf+ct-dcf` for the strictest combination, CT-02).
 */
import { profileIds } from '../config.ts';
import { combineProfiles } from './combine.ts';
import { ctDcf } from './profiles/ct-dcf.ts';
import { dcCfsa } from './profiles/dc-cfsa.ts';
import { moDss } from './profiles/mo-dss.ts';
import { njDcf } from './profiles/nj-dcf.ts';
import { tnDcs } from './profiles/tn-dcs.ts';
import type { PolicyProfile } from './schema.ts';

export type { PolicyProfile } from './schema.ts';

export const profiles = {
  'tn-dcs': tnDcs,
  'dc-cfsa': dcCfsa,
  'mo-dss': moDss,
  'nj-dcf': njDcf,
  'ct-dcf': ctDcf,
} as const satisfies Record<string, PolicyProfile>;

export type ProfileId = keyof typeof profiles;
export const defaultProfileId: ProfileId = 'tn-dcs';

export const isProfileId = (id: string): id is ProfileId => Object.hasOwn(profiles, id);

/** The profiles `ids` name, in order; throws, naming the known ids, on an unknown one or none. */
export function namedProfiles(ids: readonly string[]): PolicyProfile[] {
  const unknown = ids.filter((id) => !isProfileId(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new Error(
      `Unknown policy profile ${unknown.join(', ') || '(none)'}; known: ${Object.keys(profiles).join(', ')}.`,
    );
  }
  return ids.map((id) => profiles[id as ProfileId]);
}

/**
 * The named profiles, combined when there are several (CT-02). Not validated here: functions trust
 * the ids the stack gave them, which synth (infra/app.ts) and the local runtime checked with
 * resolveProfile (shared/policy/resolve.ts), so no function bundles the profile schema.
 */
export function profileOf(ids: readonly string[]): PolicyProfile {
  const named = namedProfiles(ids);
  return named.length === 1 ? named[0]! : combineProfiles(named);
}

let current: PolicyProfile | undefined;

/** The profile in force for this process, resolved once from the environment. */
export function activeProfile(): PolicyProfile {
  current ??= profileOf(profileIds());
  return current;
}
