import { describe, expect, it } from 'vitest';
import { combineProfiles } from '../../../shared/policy/combine.ts';
import { profiles } from '../../../shared/policy/index.ts';
import { checkedCombination, resolveProfile } from '../../../shared/policy/resolve.ts';
import { rules } from '../../../shared/policy/rules.ts';
import { policyProfileSchema } from '../../../shared/policy/schema.ts';

describe('policy profiles', () => {
  it.each(Object.keys(profiles))('%s is a valid profile whose rules are all in the catalogue', (id) => {
    const profile = policyProfileSchema.parse(profiles[id as keyof typeof profiles]);
    expect(profile.id).toBe(id);
    for (const rule of [...profile.rules, ...profile.accountCreation.rules, ...profile.accountCreation.purposeRules])
      expect(rules).toHaveProperty(rule);
  });

  it('every catalogued rule belongs to some profile', () => {
    const covered = new Set<string>(Object.values(profiles).flatMap((p) => p.rules));
    expect(Object.keys(rules).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(Object.keys(profiles))(
    '%s: a deactivation nobody explained is a bad-standing departure (issue 15.2)',
    (id) => {
      expect(profiles[id as keyof typeof profiles].departures.unexplainedDeactivationStanding).toBe('bad');
    },
  );

  it('CT-02: combining keeps a bad standing for unexplained deactivations', () => {
    const good = { ...profiles['tn-dcs'].departures, unexplainedDeactivationStanding: 'good' as const };
    const combined = combineProfiles([{ ...profiles['tn-dcs'], departures: good }, profiles['nj-dcf']]);
    expect(combined.departures.unexplainedDeactivationStanding).toBe('bad');
  });

  it('TN-09 rotates tn-dcs passwords monthly', () => {
    expect(profiles['tn-dcs'].rotation.intervalDays).toBe(30);
  });

  it('TN-14 carries the Tennessee hotline', () => {
    expect(profiles['tn-dcs'].hotlines[0]).toMatchObject({
      phone: '1-877-237-0004',
      url: 'https://apps.tn.gov/carat/',
    });
  });

  it('NJ-02 allows at most two grants per office and needs the CP&P Director and the Director of IT', () => {
    expect(profiles['nj-dcf'].access.maxGrantsPerOffice).toBe(2);
    expect(profiles['nj-dcf'].accountCreation.approverRoles).toEqual(['director', 'it-director']);
  });

  it('refuses an unknown profile id with the known ones in the message', () => {
    expect(() => resolveProfile(['xx-yyy'])).toThrow(/known: tn-dcs, dc-cfsa/);
  });

  it('refuses a profile whose deadlines come out of order', () => {
    const broken = {
      ...profiles['tn-dcs'],
      accountCreation: { ...profiles['tn-dcs'].accountCreation, escalateAfterHours: 1, reminderAfterHours: 2 },
    };
    expect(policyProfileSchema.safeParse(broken).success).toBe(false);
  });
});

describe('CT-02: combined profiles take the stricter value of every setting', () => {
  const combined = resolveProfile(['tn-dcs', 'nj-dcf', 'ct-dcf']);

  it('keeps the shortest rotation interval and the longest retention', () => {
    expect(combined.rotation.intervalDays).toBe(30);
    expect(combined.retention.contactRecordDays).toBe(
      Math.max(...['tn-dcs', 'nj-dcf', 'ct-dcf'].map((id) => profiles[id as 'tn-dcs'].retention.contactRecordDays)),
    );
  });

  it('needs every approver of every profile, in serial order, all of them', () => {
    expect(combined.accountCreation.approverRoles).toEqual([
      'communications',
      'director',
      'it-director',
      'info-services',
    ]);
    expect(combined.accountCreation.approvalOrder).toBe('serial');
    expect(combined.accountCreation.quorum).toBe('all');
  });

  it('turns on every requirement either profile has (NJ-05, NJ-06, CT-08, CT-12)', () => {
    expect(combined.rotation.notifySupervisors).toBe(true);
    expect(combined.contacts.requireLastResortReason).toBe(true);
    expect(combined.access.requireHrAcknowledgment).toBe(true);
    expect(combined.rotation.forbidReuse).toBe(true);
  });

  it('NJ-02 limit survives, and a null limit never loosens a number', () => {
    expect(combined.access.maxGrantsPerOffice).toBe(2);
    expect(combineProfiles([profiles['nj-dcf'], profiles['tn-dcs']]).access.maxGrantsPerOffice).toBe(2);
  });

  it("NJ-02's two directors' approval of each grant and NJ-09's long-term requester survive a combination", () => {
    expect(combined.access.grantApproval).toMatchObject({ rule: 'NJ-02', approverRoles: ['director', 'it-director'] });
    expect(combined.access.longTermRequesterRoles).toEqual(['office-manager']);
    expect(combined.access.maxGrantDays).toBe(90);
    expect(profiles['tn-dcs'].access.grantApproval).toBeNull();
  });

  it('allows only platforms and purposes every profile allows', () => {
    expect(combined.accountCreation.platforms).toEqual(['facebook', 'instagram', 'x']);
    expect(combined.accountCreation.purposes).toEqual(['client-contact']);
  });

  it('DC-03 unit restriction and DC-04 forbidden purposes carry into a combination', () => {
    const dcTn = resolveProfile(['dc-cfsa', 'tn-dcs']);
    expect(dcTn.contacts.allowedWorkerUnits).toEqual(['missing-child-locator-unit']);
    expect(dcTn.contacts.forbiddenPurposes).toEqual(['case-management']);
  });

  it("takes the shortest deadlines and keeps every profile's hotline and About text", () => {
    expect(combined.accountCreation.expireAfterHours).toBe(
      Math.min(
        ...Object.values(profiles)
          .slice(0, 1)
          .map((p) => p.accountCreation.expireAfterHours),
      ),
    );
    expect(combined.hotlines.map((h) => h.phone)).toEqual(['1-877-237-0004', '1-877-652-2873', '1-800-842-2288']);
    expect(combined.id).toBe('tn-dcs+nj-dcf+ct-dcf');
  });

  it('refuses profiles that leave nothing allowed', () => {
    const noOverlap = {
      ...profiles['ct-dcf'],
      accountCreation: { ...profiles['ct-dcf'].accountCreation, platforms: ['myspace'] },
    };
    expect(() => checkedCombination([profiles['tn-dcs'], noOverlap])).toThrow(/cannot be combined.*platforms/);
  });
});
