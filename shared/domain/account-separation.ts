/**
 * TN-04: the account that contacts clients stands apart from the region's news account. Two
 * consequences, refused here so that the rule has one home: a region has one client-contact account
 * per platform (the request is refused when the claim is already held), and a contact is recorded
 * only through an account whose purpose is client contact, never a news or public-information one
 * (issue 17.8).
 */
import type { RuleId } from '../policy/rules.ts';

/** The purpose of an account that may contact clients (shared/policy/vocabulary.ts). */
export const clientContactPurpose = 'client-contact';

export type SeparationConcern =
  | { kind: 'second-client-contact-account'; region: string; platform: string }
  | { kind: 'contact-through-account'; purpose: string | undefined };

/**
 * The TN-04 refusal for the concern, or undefined when the concern is met.
 * @enforces TN-04
 */
export function accountSeparationViolation(
  concern: SeparationConcern,
): { rule: RuleId; field: string; message: string } | undefined {
  if (concern.kind === 'second-client-contact-account') {
    return {
      rule: 'TN-04',
      field: 'platform',
      message:
        `Region ${concern.region} already has (or is requesting) a client-contact account on ` + `${concern.platform}.`,
    };
  }
  if (concern.purpose === clientContactPurpose) return undefined;
  return {
    rule: 'TN-04',
    field: 'accountId',
    message:
      `the account's purpose is ${concern.purpose ?? 'not recorded'}: clients are contacted only through a ` +
      'client-contact account, never a news or public-information one',
  };
}
