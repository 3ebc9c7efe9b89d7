/**
 * HR's record that a person acknowledged the social media policy before using an account (CT-08):
 * the evidence of the rules software cannot check, which the record names with their wording, and of
 * the training (CT-09), whose date it requires (issue 17.2).
 */
import { putAcknowledgment, type Acknowledgment } from '../adapters/acknowledgments.ts';
import { appendAudit } from '../adapters/audit.ts';
import { getStaffMember } from '../adapters/directory.ts';
import type { Caller } from '../auth/caller.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { acknowledgmentTerms } from '../policy/acknowledgment-terms.ts';
import { activeProfile } from '../policy/index.ts';

/** A date HR records as past may run ahead of this clock by this much, not more. */
const clockSkewMs = 5 * 60_000;

/**
 * HR records a person's acknowledgment: the terms acknowledged (each rule id in force with its
 * wording, from the profile), when, and when the person was trained; neither date may be ahead.
 * @records CT-04 CT-05 CT-09 CT-11 CT-13 — the acknowledgment: the terms acknowledged (rule ids with their wording,
 * from the profile) and the training date (required), with who recorded it and where the signed form is
 */
export async function recordAcknowledgment(
  caller: Caller,
  staffId: string,
  body: { acknowledgedAt: string; trainingCompletedAt: string; documentId?: string },
  now = new Date(),
): Promise<Acknowledgment> {
  const ahead = (['acknowledgedAt', 'trainingCompletedAt'] as const).filter(
    (field) => Date.parse(body[field]) > now.getTime() + clockSkewMs,
  );
  if (ahead.length > 0)
    throw new ValidationError(
      'An acknowledgment records what has happened: its dates may not be in the future.',
      ahead.map((field) => ({ field: `body.${field}`, message: 'in the future' })),
    );
  if (!(await getStaffMember(staffId))) throw new NotFoundError(`No staff member ${staffId}.`);
  const profile = activeProfile();
  const terms = acknowledgmentTerms(profile);
  const ack: Acknowledgment = {
    staffId,
    acknowledgedAt: new Date(body.acknowledgedAt).toISOString(),
    trainingCompletedAt: new Date(body.trainingCompletedAt).toISOString(),
    terms,
    profile: profile.id,
    ...(body.documentId ? { documentId: body.documentId } : {}),
    recordedBy: caller.id,
    recordedAt: now.toISOString(),
  };
  await putAcknowledgment(ack);
  await appendAudit({
    subject: `STAFF#${staffId}`,
    action: 'acknowledgment.recorded',
    actorId: caller.id,
    at: ack.recordedAt,
    details: { rules: terms.map((term) => term.rule), trainingCompletedAt: ack.trainingCompletedAt },
  });
  return ack;
}
