import { describe, expect, it } from 'vitest';
import { waitingStates, waitLimitSeconds, waitOutcomes } from '../../../shared/domain/wait-limits.ts';
import { profiles } from '../../../shared/policy/index.ts';
import { resolveProfile } from '../../../shared/policy/resolve.ts';

const hours = (seconds: number) => seconds / 3600;

describe('waitLimitSeconds (issue 19.2)', () => {
  it('gives every profile a limit for every waiting workflow, from its own numbers', () => {
    const limits = Object.fromEntries(
      Object.entries(profiles).map(([id, profile]) => [
        id,
        Object.fromEntries(Object.entries(waitLimitSeconds(profile)).map(([key, value]) => [key, hours(value)])),
      ]),
    );
    expect(limits).toEqual({
      // TN-09: TN and NJ rotate every 30 days; CT every 60; DC and MO every 90.
      'tn-dcs': { accountApproval: 360, credentialRotation: 720, departure: 144, incident: 28, postSuggestion: 720 },
      'nj-dcf': { accountApproval: 360, credentialRotation: 720, departure: 144, incident: 28, postSuggestion: 720 },
      'ct-dcf': { accountApproval: 360, credentialRotation: 1440, departure: 144, incident: 28, postSuggestion: 720 },
      'dc-cfsa': { accountApproval: 360, credentialRotation: 2160, departure: 144, incident: 28, postSuggestion: 720 },
      'mo-dss': { accountApproval: 360, credentialRotation: 2160, departure: 144, incident: 28, postSuggestion: 720 },
    });
  });

  it('takes the stricter limit in a combination of profiles (CT-02)', () => {
    const combined = waitLimitSeconds(resolveProfile(['mo-dss', 'nj-dcf']));
    expect(hours(combined.credentialRotation)).toBe(720);
  });

  it('names an outcome for each waiting workflow, and only those', () => {
    expect(Object.keys(waitOutcomes).sort()).toEqual(Object.keys(waitingStates).sort());
    for (const outcome of Object.values(waitOutcomes)) {
      expect(outcome.escalatedTo).not.toBe('');
      expect(outcome.closedHow).not.toBe('');
    }
  });
});
