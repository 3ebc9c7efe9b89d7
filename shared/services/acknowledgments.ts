/** HR's record that a person acknowledged the social media policy before using an account (CT-08). */
import { putAcknowledgment, type Acknowledgment } from '../adapters/acknowledgments.ts';
import { appendAudit } from '../adapters/audit.ts';
import { getStaffMember } from '../adapters/directory.ts';
import type { Caller } from '../auth/caller.ts';
import { NotFoundError } from '../errors.ts';

/** CT-08: HR records a person's acknowledgment (and training, CT-09). */
export async function recordAcknowledgment(
  caller: Caller,
  staffId: string,
  body: { acknowledgedAt: string; trainingCompletedAt?: string; documentId?: string },
  now = new Date(),
): Promise<Acknowledgment> {
  if (!(await getStaffMember(staffId))) throw new NotFoundError(`No staff member ${staffId}.`);
  const ack: Acknowledgment = {
    staffId,
    acknowledgedAt: new Date(body.acknowledgedAt).toISOString(),
    ...(body.trainingCompletedAt ? { trainingCompletedAt: new Date(body.trainingCompletedAt).toISOString() } : {}),
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
  });
  return ack;
}
