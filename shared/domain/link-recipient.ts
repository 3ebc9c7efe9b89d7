/**
 * Who receives a decision link (issue 16.3): delegation must not collapse the two-person rule. A
 * delegate decides for the approver only when they could have been asked themselves: present (not
 * departed, not deactivated), holding a role the step accepts, neither the requester nor the holder
 * of another step of the same subject. Otherwise the link goes to the approver, whom the workflow
 * picked by role; when the approver has left or is excluded meanwhile, to nobody (the step waits for
 * escalation's alternate, and a departure flags it for reassignment).
 */

/** The directory fields eligibility reads. */
export interface Candidate {
  staffId: string;
  roles: readonly string[];
  departedAt?: string | undefined;
  active?: boolean | undefined;
  /** Mail to their address is known not to arrive (issue 19.1). */
  unreachable?: boolean | undefined;
}

/** The step being decided: the roles it accepts, and who may not decide it (requester, other steps' holders). */
export interface Step {
  roles: readonly string[];
  excluded: readonly string[];
}

const mayDecide = (person: Candidate, step: Step): boolean =>
  !person.departedAt && person.active !== false && !step.excluded.includes(person.staffId);

/** Whether `delegate` may decide `step` for someone else: as an approver, and holding an accepted role. */
export const mayDecideAsDelegate = (delegate: Candidate, step: Step): boolean =>
  mayDecide(delegate, step) && delegate.roles.some((role) => step.roles.includes(role));

/**
 * The link's recipient: the delegate if eligible, else the approver if eligible, else undefined. A
 * delegate whose mail does not arrive is passed over when the approver's does (issue 19.1).
 */
export function linkRecipient(
  approver: Candidate,
  delegate: Candidate | undefined,
  step: Step,
): { recipient: string; onBehalfOf?: string } | undefined {
  if (
    delegate &&
    delegate.staffId !== approver.staffId &&
    mayDecideAsDelegate(delegate, step) &&
    mayDecide(approver, step) &&
    !(delegate.unreachable && !approver.unreachable)
  )
    return { recipient: delegate.staffId, onBehalfOf: approver.staffId };
  return mayDecide(approver, step) ? { recipient: approver.staffId } : undefined;
}
