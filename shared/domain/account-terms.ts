/**
 * The conduct terms an approved account binds everyone who uses it to (TN-08, DC-06, NJ-08): rules
 * of a person's conduct that software cannot check, so the account keeps, from its approval on, the
 * terms it was approved under, and the approval email tells its people. A change seen on the account
 * afterwards is reported as an incident (POST /incidents).
 */
import type { RuleId } from '../policy/rules.ts';
import type { PolicyProfile } from '../policy/schema.ts';

/** One term, in the words its people read, and the rule it states. */
export interface AccountTerm {
  rule: RuleId;
  term: string;
}

/**
 * The terms of the profile's rules in force, fixed on the account at approval so that what its
 * holders were bound by stays readable (GET /accounts/{accountId}) after a profile changes.
 * @records TN-08 DC-06 NJ-08 — the conduct terms an account's holders are bound by, kept on the account at approval
 */
export function accountTerms(profile: Pick<PolicyProfile, 'rules'>): AccountTerm[] {
  const terms: AccountTerm[] = [
    {
      rule: 'TN-08',
      term:
        'Add no friends and change nothing else on the account after it is created and approved; ' +
        'report any change seen on it as an incident.',
    },
    {
      rule: 'DC-06',
      term:
        'Make no digital link or online relationship ("friending") with a client, even when the client asks; ' +
        'share nothing confidential about a client, their family, caregivers or placement.',
    },
    {
      rule: 'NJ-08',
      term:
        'Do not "friend", "like" or "favorite" clients or otherwise engage with them socially; ' +
        'no talk unrelated to work, no games and no personal information.',
    },
  ];
  return terms.filter(({ rule }) => profile.rules.includes(rule));
}
