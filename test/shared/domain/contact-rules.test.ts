import { describe, expect, it } from 'vitest';
import {
  contactViolations,
  locatorBanEvidence,
  officialAccountRule,
  publicDisclosureViolations,
  transcriptOwedEvidence,
  type ContactFacts,
} from '../../../shared/domain/contact-rules.ts';
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
  accountPurpose: 'client-contact',
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

  it('TN-04: a contact goes through a client-contact account, never a news or public-information one', () => {
    for (const accountPurpose of ['news', 'public-information', undefined]) {
      const violations = contactViolations(contact(), facts({ accountPurpose }), profiles['dc-cfsa']);
      expect(
        violations.map((v) => [v.rule, v.field]),
        String(accountPurpose),
      ).toEqual([['TN-04', 'accountId']]);
    }
    expect(rulesBroken('tn-dcs', contact(), facts({ accountPurpose: 'news' }))).toEqual(['TN-04']);
    // An account that is no official account at all is TN-01's refusal, not also TN-04's.
    expect(rulesBroken('tn-dcs', contact(), facts({ accountStatus: undefined, accountPurpose: undefined }))).toEqual([
      'TN-01',
    ]);
  });

  it('DC-03 refuses communication only: research that sends nothing stands for any unit, with its DC-07 reason', () => {
    const otherUnit = facts({ workerUnit: 'in-home-services' });
    const research = contact({ purpose: 'research', direction: 'inbound', researchJustification: 'non-engaged-kin' });
    expect(rulesBroken('dc-cfsa', research, otherUnit)).toEqual([]);
    expect(rulesBroken('dc-cfsa', { ...research, researchJustification: undefined }, otherUnit)).toEqual(['DC-07']);
    // Research that writes to the client is communication, still the locator unit's alone.
    expect(rulesBroken('dc-cfsa', { ...research, direction: 'outbound' }, otherUnit)).toEqual(['DC-03']);
    expect(rulesBroken('dc-cfsa', contact({ purpose: 'engage-kin' }), otherUnit)).toEqual(['DC-03']);
  });
});

describe('publicDisclosureViolations', () => {
  const names = ['Jamie Rivera', 'Zoë', "O'Neil"];
  const comment = (overrides: Partial<ContactBody> = {}) =>
    contact({ channel: 'public-comment', protectedNames: names, ...overrides });

  it('CT-03: a public comment may disclose nothing, whatever it declares', () => {
    expect(publicDisclosureViolations(comment({ disclosed: ['location'] }))).toEqual([
      { rule: 'CT-03', field: 'disclosed', message: expect.any(String) },
    ]);
    expect(publicDisclosureViolations(comment({ disclosed: [] }))).toEqual([]);
  });

  it('CT-03: a summary or message text naming a protected name or the case id, never repeating it', () => {
    const found = publicDisclosureViolations(
      comment({ summary: 'Asked JAMIE  rivera to call us.', messageText: 'Please call about case-1 today.' }),
    );
    expect(found.map((v) => [v.rule, v.field])).toEqual([
      ['CT-03', 'summary'],
      ['CT-03', 'messageText'],
    ]);
    for (const violation of found) expect(violation.message).not.toMatch(/jamie|rivera|case-1|call/i);
    expect(rulesBroken('tn-dcs', comment({ summary: 'Commented: zoe, please call the office.' }))).toEqual(['CT-03']);
    expect(rulesBroken('ct-dcf', comment({ summary: 'Replied to o’neil’s post.', lastResortReason: 'x' }))).toEqual([
      'CT-03',
    ]);
  });

  it('CT-03 does not reach what the public posts to us, nor a private message to a verified recipient', () => {
    expect(publicDisclosureViolations(comment({ direction: 'inbound', summary: 'Jamie Rivera wrote' }))).toEqual([]);
    expect(rulesBroken('tn-dcs', contact({ protectedNames: names, summary: 'Talked with Jamie Rivera.' }))).toEqual([]);
  });

  it('matches whole words only: a name inside another word is no match', () => {
    expect(publicDisclosureViolations(comment({ summary: 'Riveras and Zoëy and case-10 are other words.' }))).toEqual(
      [],
    );
  });
});

describe('TN-13 scanned', () => {
  it('TN-13: an initial request to an unverified recipient carries no protected name and no case id', () => {
    const request = contact({
      recipient: { handle: 'x', verified: false },
      messageKind: 'initial-contact-request',
      protectedNames: ['Jamie Rivera'],
    });
    expect(rulesBroken('tn-dcs', { ...request, messageText: 'Please call us about your son.' })).toEqual([]);
    const named = contactViolations({ ...request, messageText: 'Please call about Jamie Rivera.' }, facts(), {
      ...profiles['tn-dcs'],
    });
    expect(named).toEqual([{ rule: 'TN-13', field: 'messageText', message: expect.not.stringMatching(/jamie/i) }]);
    expect(rulesBroken('tn-dcs', { ...request, summary: 'Asked about CASE-1.' })).toEqual(['TN-13']);
  });
});

describe('locatorBanEvidence', () => {
  it('DC-05: under a profile listing it, the record says how the ban reached it; elsewhere nothing', () => {
    const entry = locatorBanEvidence(contact({ channel: 'public-comment' }), facts(), profiles['dc-cfsa']);
    expect(entry).toEqual({
      rule: 'DC-05',
      note: expect.stringContaining('a public comment through an agency account'),
    });
    expect(entry?.note).toContain('missing-child-locator-unit');
    const research = contact({ purpose: 'research', direction: 'inbound' });
    expect(locatorBanEvidence(research, facts({ workerUnit: 'in-home-services' }), profiles['dc-cfsa'])?.note).toMatch(
      /research that sends nothing/,
    );
    expect(locatorBanEvidence(contact(), facts(), profiles['tn-dcs'])).toBeUndefined();
  });
});

describe('transcriptOwedEvidence', () => {
  it('TN-12: a finished conversation without its transcript owes one where the profile tracks transcripts', () => {
    expect(transcriptOwedEvidence(contact(), profiles['tn-dcs'])).toEqual({ rule: 'TN-12', note: expect.any(String) });
    expect(transcriptOwedEvidence(contact({ transcriptDocumentId: 'doc-1' }), profiles['tn-dcs'])).toBeUndefined();
    expect(transcriptOwedEvidence(contact({ conversationEnded: false }), profiles['tn-dcs'])).toBeUndefined();
    expect(
      transcriptOwedEvidence(contact({ messageKind: 'initial-contact-request' }), profiles['tn-dcs']),
    ).toBeUndefined();
    expect(transcriptOwedEvidence(contact(), profiles['nj-dcf'])).toBeUndefined();
  });
});
