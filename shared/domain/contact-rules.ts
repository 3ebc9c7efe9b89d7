/**
 * The policy checks a contact record must pass before it is written, as one pure function of the
 * record, the facts looked up about it and the profile in force. Every setting comes from the
 * profile (`contacts`), so a deployment's rules change with its profile and never with its name.
 */
import type { RuleId } from '../policy/rules.ts';
import type { PolicyProfile } from '../policy/schema.ts';
import type { ContactBody, EvidenceEntry } from '../schemas/contacts.ts';
import { accountSeparationViolation } from './account-separation.ts';
import { namesAny } from './protected-names.ts';
import { regionalRefusal } from './regional-rule.ts';

export interface ContactFacts {
  /** The account's status in the registry; undefined when no such account exists. */
  accountStatus: string | undefined;
  /** The account's purpose (client-contact, news, public-information); undefined when unknown. */
  accountPurpose?: string | undefined;
  /** The worker's unit in the directory; undefined for an unknown worker or one without a unit. */
  workerUnit: string | undefined;
  /** Whether the worker holds a grant on the account in force when the contact occurred. */
  workerHoldsGrant: boolean;
}

export interface Violation {
  rule: RuleId;
  /** The body field the refusal concerns, as the contract's `details` name it. */
  field: string;
  message: string;
}

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

/** The free-text fields that carry what was said, scanned where nothing confidential may go. */
const scannedFields = ['summary', 'messageText'] as const;

/**
 * The scanned fields that name a protected name or the record's case id. Only the field is
 * returned, never what matched: a refusal must not repeat a child's name (issue 17.6).
 */
const fieldsNaming = (contact: ContactBody): string[] => {
  const terms = [...(contact.protectedNames ?? []), contact.caseId];
  return scannedFields.filter((field) => namesAny(contact[field], terms));
};

/**
 * DC-03 bans communication with clients outside the locator unit, not research: locating a client
 * or relative (DC-07) by other staff stands. Research sends nothing, so a research record going
 * out (direction outbound) is communication and stays banned (issue 17.5).
 */
const communicates = (contact: ContactBody): boolean =>
  !(contact.purpose === 'research' && contact.direction === 'inbound');

/**
 * CT-03: nothing confidential is posted, in any manner. A public comment the agency posts may
 * disclose no category of information, and where the case system sends the protected names its
 * summary and message text may name none of them, nor the case id (issue 17.6).
 * @enforces CT-03
 */
export function publicDisclosureViolations(contact: ContactBody): Violation[] {
  if (contact.channel !== 'public-comment' || contact.direction !== 'outbound') return [];
  const found: Violation[] = [];
  if ((contact.disclosed ?? []).length > 0)
    found.push({ rule: 'CT-03', field: 'disclosed', message: 'a public comment may disclose nothing confidential' });
  for (const field of fieldsNaming(contact))
    found.push({
      rule: 'CT-03',
      field,
      message: `the ${field} of a public comment names a protected name or the case id`,
    });
  return found;
}

/**
 * DC-05: the ban on client contact holds for clients and their family members alike, in any public
 * forum and from any agency or personal account; each record of a profile that lists it says what
 * the ban covered and why this contact stood (issue 17.5).
 * @records DC-05 — the ban's reach over this record: forum, account, and the exception it stood under
 */
export function locatorBanEvidence(
  contact: ContactBody,
  facts: Pick<ContactFacts, 'workerUnit'>,
  profile: Pick<PolicyProfile, 'rules' | 'contacts'>,
): EvidenceEntry | undefined {
  if (!profile.rules.includes('DC-05')) return undefined;
  const forum = contact.channel === 'public-comment' ? 'a public comment' : 'a private message';
  const allowed = profile.contacts.allowedWorkerUnits;
  const standing = !communicates(contact)
    ? 'research that sends nothing, which the ban does not reach'
    : allowed === null
      ? 'no unit is excepted by the profile'
      : `the worker is of ${facts.workerUnit ?? 'no unit'}, excepted from the ban`;
  return {
    rule: 'DC-05',
    note:
      `covered by the ban on contacting clients or their family members from any agency or personal account: ` +
      `${forum} through an agency account; ${standing}`,
  };
}

/**
 * TN-12: a finished conversation goes into the case's documents as a transcript. Recorded without
 * one (where the profile tracks transcripts), the record says it is owed; the owed marker
 * (shared/adapters/transcripts.ts) keeps the supervisor reminded until it arrives (issue 17.7).
 * @records TN-12 — that the finished conversation's transcript is owed
 */
export function transcriptOwedEvidence(
  contact: ContactBody,
  profile: Pick<PolicyProfile, 'contacts'>,
): EvidenceEntry | undefined {
  if (profile.contacts.transcriptReminderHours === null) return undefined;
  if (contact.messageKind !== 'conversation' || contact.conversationEnded === false) return undefined;
  if (!blank(contact.transcriptDocumentId)) return undefined;
  return {
    rule: 'TN-12',
    note: "a finished conversation recorded without its transcript: a copy is owed to the case's documents",
  };
}

/**
 * TN-01 and NJ-01 say the same thing; a refusal cites the one the deployment's profile puts in
 * force, and TN-01 (the catalogue's first statement of it) when neither profile lists it. For
 * research, DC-08 says it more narrowly (never from a personal account that reveals the
 * researcher), and a profile that lists DC-08 cites it.
 * @enforces TN-01 NJ-01 DC-08
 */
export const officialAccountRule = (profile: Pick<PolicyProfile, 'rules'>, purpose?: ContactBody['purpose']): RuleId =>
  purpose === 'research' && profile.rules.includes('DC-08')
    ? 'DC-08'
    : ((['TN-01', 'NJ-01'] as const).find((rule) => profile.rules.includes(rule)) ?? 'TN-01');

/**
 * Every rule the record breaks, in a fixed order (the first one becomes the refusal's code). CT-03's
 * check on public comments has its own home (publicDisclosureViolations) and is listed after TN-13.
 * Whether the account, grant and identity checks apply is not a setting: TN-01, NJ-01 (DC-08 for
 * research), TN-07 and TN-11 hold for every official account, so only the profile's `contacts`
 * settings vary here.
 * @enforces TN-11 TN-13 NJ-06 NJ-07 DC-03 DC-04 DC-07
 */
export function contactViolations(
  contact: ContactBody,
  facts: ContactFacts,
  profile: Pick<PolicyProfile, 'rules' | 'contacts'>,
): Violation[] {
  const rules = profile.contacts;
  const found: Violation[] = [];
  const refuse = (rule: RuleId, field: string, message: string) => found.push({ rule, field, message });

  if (facts.accountStatus !== 'active') {
    const rule = officialAccountRule(profile, contact.purpose);
    const why =
      facts.accountStatus === undefined
        ? 'not a registered official account'
        : `the account is ${facts.accountStatus}, not active`;
    // Where the rule for research differs from the general one, DC-08 is cited, in its own words.
    const research = rule !== officialAccountRule(profile);
    refuse(
      rule,
      'accountId',
      research ? `research is done only from an active official account, never a personal one: ${why}` : why,
    );
  } else {
    const separation = accountSeparationViolation({ kind: 'contact-through-account', purpose: facts.accountPurpose });
    if (separation) found.push(separation);
  }
  const ungranted = regionalRefusal({ of: 'contact-worker', holdsGrant: facts.workerHoldsGrant });
  if (ungranted) refuse(ungranted.rule, 'workerId', ungranted.reason);
  if (rules.requireWorkerIdentity) {
    if (blank(contact.workerName)) refuse('TN-11', 'workerName', "the worker's name is required");
    if (blank(contact.workerContact.email) && blank(contact.workerContact.phone))
      refuse('TN-11', 'workerContact', 'an email address or telephone number is required');
  }
  // TN-13 limits what the agency sends; an unverified person writing to us is not refused for it.
  if (rules.unverifiedRecipientInitialRequestOnly && !contact.recipient.verified && contact.direction === 'outbound') {
    if (contact.messageKind !== 'initial-contact-request')
      refuse('TN-13', 'messageKind', 'an unverified recipient may only be sent an initial contact request');
    if ((contact.disclosed ?? []).length > 0)
      refuse(
        'TN-13',
        'disclosed',
        `nothing may be disclosed to an unverified recipient (disclosed: ${contact.disclosed!.join(', ')})`,
      );
    // Declared is not enough: the request carries no name (the child's, the family's) nor the case id.
    for (const field of fieldsNaming(contact))
      refuse('TN-13', field, `the ${field} names a protected name or the case id; an unverified recipient gets none`);
  }
  found.push(...publicDisclosureViolations(contact));
  if (rules.requireLastResortReason && blank(contact.lastResortReason))
    refuse('NJ-06', 'lastResortReason', 'social media is the last resort: say why other means failed');
  if (rules.publicCommentRequiresReason && contact.channel === 'public-comment' && blank(contact.publicChannelReason)) {
    refuse('NJ-07', 'publicChannelReason', 'a public comment needs a reason a private message would not do');
  }
  if (
    rules.allowedWorkerUnits !== null &&
    communicates(contact) &&
    !(facts.workerUnit !== undefined && rules.allowedWorkerUnits.includes(facts.workerUnit))
  ) {
    refuse(
      'DC-03',
      'workerId',
      `only staff of ${rules.allowedWorkerUnits.join(', ')} may communicate with clients through social media; ` +
        'others may only research (purpose research, direction inbound, with a justification)',
    );
  }
  if (rules.forbiddenPurposes.includes(contact.purpose))
    refuse('DC-04', 'purpose', `${contact.purpose} must use a secure channel, not social media`);
  if (
    rules.researchRequiresJustification &&
    contact.purpose === 'research' &&
    contact.researchJustification === undefined
  ) {
    refuse(
      'DC-07',
      'researchJustification',
      'research on a client needs a clinical or standard-of-practice justification',
    );
  }
  return found;
}
