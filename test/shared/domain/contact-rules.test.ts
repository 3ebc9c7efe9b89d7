import { describe, expect, it } from 'vitest';
import { contactViolations, officialAccountRule, type ContactFacts } from '../../../shared/domain/contact-rules.ts';
import { combineProfiles } from '../../../shared/policy/combine.ts';
import { profiles } from '../../../shared/policy/index.ts';
import type { ContactBody } from '../../../shared/schemas/contacts.ts';

const contact = (overrides: Partial<ContactBody> = {}): ContactBody => ({
  caseId: 'case-1',
  accountId: 'acc_1',
  workerId: 'stf-staff',
  workerName: 'Sky Caseworker',
  workerContact: { email: 'sky@agency.example' },
  recipient: { handle: 'facebook.com/jamie', verified: true },
  channel: 'private-message',
  direction: 'outbound',
  purpose: 'diligent-search',
  messageKind: 'conversation',
  occurredAt: '2026-11-20T15:04:05.000Z',
  ...overrides,
});
const facts = (overrides: Partial<ContactFacts> = {}): ContactFacts => ({
  accountStatus: 'active',
  workerUnit: 'missing-child-locator-unit',
  workerHoldsGrant: true,
  ...overrides,
});
const rulesBroken = (profile: keyof typeof profiles, body: ContactBody, f = facts()) =>
  contactViolations(body, f, profiles[profile]).map((v) => v.rule);

describe('contactViolations', () => {
  it('passes a complete record from a granted worker on an active account, under every profile', () => {
    for (const id of Object.keys(profiles) as Array<keyof typeof profiles>) {
      expect(rulesBroken(id, contact({ lastResortReason: 'Phone and mail returned' })), id).toEqual([]);
    }
  });

  it('TN-01 / NJ-01: an unknown or inactive account, citing the rule the profile puts in force', () => {
    expect(rulesBroken('tn-dcs', contact(), facts({ accountStatus: undefined }))).toEqual(['TN-01']);
    expect(rulesBroken('nj-dcf', contact({ lastResortReason: 'x' }), facts({ accountStatus: 'suspended' }))).toEqual([
      'NJ-01',
    ]);
    expect(officialAccountRule(profiles['ct-dcf'])).toBe('TN-01');
    expect(contactViolations(contact(), facts({ accountStatus: 'retired' }), profiles['tn-dcs'])[0]?.message).toContain(
      'retired',
    );
  });

  it('DC-08: research from anything but an active official account cites DC-08 where the profile lists it', () => {
    const research = contact({ purpose: 'research', researchJustification: 'missing-or-runaway-client' });
    expect(rulesBroken('dc-cfsa', research, facts({ accountStatus: undefined }))).toEqual(['DC-08']);
    expect(contactViolations(research, facts({ accountStatus: 'suspended' }), profiles['dc-cfsa'])[0]?.message).toMatch(
      /never a personal one: the account is suspended/,
    );
    // Other purposes under dc-cfsa, and research under a profile without DC-08, cite the general rule.
    expect(
      rulesBroken('dc-cfsa', contact({ purpose: 'locate-missing-child' }), facts({ accountStatus: undefined })),
    ).toEqual(['TN-01']);
    expect(rulesBroken('tn-dcs', research, facts({ accountStatus: undefined }))).toEqual(['TN-01']);
    expect(officialAccountRule(profiles['dc-cfsa'], 'research')).toBe('DC-08');
  });

  it('TN-07: the worker holds no grant on the account', () => {
    expect(rulesBroken('tn-dcs', contact(), facts({ workerHoldsGrant: false }))).toEqual(['TN-07']);
  });

  it('TN-11: a blank name and no contact detail are each named', () => {
    const violations = contactViolations(
      contact({ workerName: ' ', workerContact: { email: '', phone: '  ' } }),
      facts(),
      profiles['tn-dcs'],
    );
    expect(violations.map((v) => [v.rule, v.field])).toEqual([
      ['TN-11', 'workerName'],
      ['TN-11', 'workerContact'],
    ]);
    expect(rulesBroken('tn-dcs', contact({ workerContact: { phone: '865-555-0100' } }))).toEqual([]);
  });

  it('TN-13: an unverified recipient gets an initial request with nothing disclosed, only', () => {
    const recipient = { handle: 'x', verified: false };
    expect(rulesBroken('tn-dcs', contact({ recipient, messageKind: 'initial-contact-request' }))).toEqual([]);
    expect(rulesBroken('tn-dcs', contact({ recipient, messageKind: 'conversation' }))).toEqual(['TN-13']);
    expect(
      rulesBroken('tn-dcs', contact({ recipient, messageKind: 'initial-contact-request', disclosed: ['placement'] })),
    ).toEqual(['TN-13']);
    expect(
      rulesBroken('tn-dcs', contact({ recipient, messageKind: 'conversation', disclosed: ['child-name'] })),
    ).toEqual(['TN-13', 'TN-13']);
    // What an unverified person sends us is not the agency disclosing anything.
    expect(rulesBroken('tn-dcs', contact({ recipient, direction: 'inbound', disclosed: ['child-name'] }))).toEqual([]);
    // A verified recipient may be told about their case.
    expect(rulesBroken('tn-dcs', contact({ disclosed: ['child-name', 'case-details'] }))).toEqual([]);
  });

  it('NJ-06 and NJ-07 where the profile requires a last-resort reason and a reason for public comments', () => {
    expect(rulesBroken('nj-dcf', contact())).toEqual(['NJ-06']);
    expect(rulesBroken('nj-dcf', contact({ lastResortReason: '   ' }))).toEqual(['NJ-06']);
    expect(rulesBroken('nj-dcf', contact({ lastResortReason: 'No phone on file', channel: 'public-comment' }))).toEqual(
      ['NJ-07'],
    );
    expect(
      rulesBroken(
        'nj-dcf',
        contact({
          lastResortReason: 'No phone on file',
          channel: 'public-comment',
          publicChannelReason: 'Messages are filtered',
        }),
      ),
    ).toEqual([]);
    expect(rulesBroken('tn-dcs', contact({ channel: 'public-comment' }))).toEqual([]);
  });

  it('DC-03, DC-04 and DC-07 where the profile limits units, purposes and research', () => {
    expect(rulesBroken('dc-cfsa', contact(), facts({ workerUnit: 'in-home-services' }))).toEqual(['DC-03']);
    expect(rulesBroken('dc-cfsa', contact(), facts({ workerUnit: undefined }))).toEqual(['DC-03']);
    expect(rulesBroken('dc-cfsa', contact({ purpose: 'case-management' }))).toEqual(['DC-04']);
    expect(rulesBroken('dc-cfsa', contact({ purpose: 'research' }))).toEqual(['DC-07']);
    expect(
      rulesBroken('dc-cfsa', contact({ purpose: 'research', researchJustification: 'suspected-trafficking' })),
    ).toEqual([]);
    expect(
      rulesBroken('tn-dcs', contact({ purpose: 'case-management' }), facts({ workerUnit: 'in-home-services' })),
    ).toEqual([]);
  });

  it('CT-02: a combined profile enforces every rule of both', () => {
    const combined = combineProfiles([profiles['nj-dcf'], profiles['dc-cfsa']]);
    const violations = contactViolations(
      contact({ purpose: 'case-management', channel: 'public-comment' }),
      facts({ workerUnit: 'in-home-services' }),
      combined,
    );
    expect(violations.map((v) => v.rule)).toEqual(['NJ-06', 'NJ-07', 'DC-03', 'DC-04']);
  });

  it('lists every violation in a fixed order, the first becoming the refusal', () => {
    const all = contactViolations(
      contact({ workerName: '', recipient: { handle: 'x', verified: false } }),
      facts({ accountStatus: undefined, workerHoldsGrant: false }),
      profiles['tn-dcs'],
    );
    expect(all.map((v) => v.rule)).toEqual(['TN-01', 'TN-07', 'TN-11', 'TN-13']);
  });
});
