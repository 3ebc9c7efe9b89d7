/**
 * The policy checks a contact record must pass before it is written, as one pure function of the
 * record, the facts looked up about it and the profile in force. Every setting comes from the
 * profile (`contacts`), so a deployment's rules change with its profile and never with its name.
 */
import type { RuleId } from '../policy/rules.ts';
import type { PolicyProfile } from '../policy/schema.ts';
import type { ContactBody } from '../schemas/contacts.ts';
import { regionalRefusal } from './regional-rule.ts';

export interface ContactFacts {
  /** The account's status in the registry; undefined when no such account exists. */
  accountStatus: string | undefined;
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
 * Every rule the record breaks, in a fixed order (the first one becomes the refusal's code).
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
  }
  if (rules.requireLastResortReason && blank(contact.lastResortReason))
    refuse('NJ-06', 'lastResortReason', 'social media is the last resort: say why other means failed');
  if (rules.publicCommentRequiresReason && contact.channel === 'public-comment' && blank(contact.publicChannelReason)) {
    refuse('NJ-07', 'publicChannelReason', 'a public comment needs a reason a private message would not do');
  }
  if (
    rules.allowedWorkerUnits !== null &&
    !(facts.workerUnit !== undefined && rules.allowedWorkerUnits.includes(facts.workerUnit))
  ) {
    refuse(
      'DC-03',
      'workerId',
      `only staff of ${rules.allowedWorkerUnits.join(', ')} may contact clients through social media`,
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
