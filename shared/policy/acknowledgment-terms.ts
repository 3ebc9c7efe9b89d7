/**
 * What a person acknowledges to HR before using an account (CT-08), read from the profile's rules so
 * that a combination acknowledges every agency's: the rules in force that software cannot check,
 * only people keep (conduct: under ct-dcf CT-04 business use only, CT-05 no friending clients from
 * personal accounts, CT-11 no apps without approval, CT-13 discipline), and the training the
 * acknowledgment evidences (CT-09), each with its wording from the catalogue (issue 17.2).
 */
import { type RuleId, rules } from './rules.ts';
import type { PolicyProfile } from './schema.ts';

export interface AcknowledgedTerm {
  rule: RuleId;
  wording: string;
}

/** Rules whose evidence is the acknowledgment's training date. */
const trainingRules: readonly RuleId[] = ['CT-09'];

/** The terms a person acknowledges under `profile`, in the profile's order. */
export function acknowledgmentTerms(profile: Pick<PolicyProfile, 'rules'>): AcknowledgedTerm[] {
  return profile.rules
    .filter((id) => rules[id].kind === 'conduct' || trainingRules.includes(id))
    .map((id) => ({ rule: id, wording: rules[id].summary }));
}
