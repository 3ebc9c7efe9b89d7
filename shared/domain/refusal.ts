/**
 * A rule's refusal as the rule's one home decides it (issue 14.4): the rule, its words and the error
 * a request gets. Homes return it rather than throw, so a pure decision (who may reveal, what breaks
 * a contact record) reports it and a service throws it, and the rule id is written in one place.
 */
import { ForbiddenError, type AppError } from '../errors.ts';
import type { RuleId } from '../policy/rules.ts';

export interface Refusal {
  rule: RuleId;
  /** The refusal in words: its error's message where it has one, else what follows `<rule>: `. */
  reason: string;
  /** What a request gets; absent means 403 with the message `<rule>: <reason>`. */
  error?: AppError;
}

/** Throws the refusal, if there is one: what a service does with its rule's answer. */
export function refuse(refusal: Refusal | undefined): void {
  if (refusal) throw refusal.error ?? new ForbiddenError(`${refusal.rule}: ${refusal.reason}`, refusal.rule);
}

/** Who a role or region requirement is judged on: the caller as the directory has them. */
export interface Standing {
  roles: readonly string[];
  region: string | undefined;
}

export const holdsRole = (who: Standing, allowed: readonly string[]): boolean =>
  who.roles.some((role) => allowed.includes(role));

/** Operations staff work across regions; everyone else within their own. */
export const outsideRegion = (who: Standing, region: string): boolean =>
  who.region !== region && !who.roles.includes('operations');

/** The words of a role requirement, alike for every rule that makes one. */
export const roleRequirement = (allowed: readonly string[]): string =>
  `This action needs one of the roles: ${allowed.join(', ')}.`;

/** The words of a region requirement, alike for every rule that makes one. */
export const regionRequirement = (region: string): string => `This action is limited to staff of region ${region}.`;
