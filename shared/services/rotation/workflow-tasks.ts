/**
 * The credential-rotation workflow's tasks: it gives the administrators the task, waits for their
 * confirmation, escalates an overdue change and, once confirmed, tells everyone who uses the account.
 * Each task reads the rotation first, so a late or repeated run after the rotation moved on does nothing.
 */
import { appendAudit } from '../../adapters/audit.ts';
import { sendEmail } from '../../adapters/mailer.ts';
import { getRotation, storeRotationToken } from '../../adapters/rotations.ts';
import { completeTask } from '../../adapters/workflow-signals.ts';
import { accountOrNotFound } from '../credentials.ts';
import { passwordChangedEmail, rotationOverdueEmail, rotationTaskEmail } from './messages.ts';

/** Workflow task: the designated administrators get the task (or a reminder), without the password. */
export async function notifyAdministrators(
  accountId: string,
  rotationId: string,
  why: 'task' | 'reminder',
): Promise<{ sent: boolean }> {
  const account = await accountOrNotFound(accountId);
  const rotation = await getRotation(accountId, rotationId);
  if (rotation?.status !== 'pending') return { sent: false };
  await sendEmail(await rotationTaskEmail(account, rotation, why));
  return { sent: true };
}

/** Workflow callback task: keep the token server-side; answer at once if the rotation already closed. */
export async function awaitConfirmation(accountId: string, rotationId: string, taskToken: string): Promise<void> {
  await storeRotationToken(accountId, rotationId, taskToken);
  const rotation = await getRotation(accountId, rotationId);
  if (rotation && (rotation.status === 'confirmed' || rotation.status === 'cancelled'))
    await completeTask(taskToken, { outcome: rotation.status });
}

/** Workflow task: an overdue change goes to the region's directors. */
export async function escalateRotation(accountId: string, rotationId: string): Promise<{ escalated: boolean }> {
  const account = await accountOrNotFound(accountId);
  const rotation = await getRotation(accountId, rotationId);
  if (rotation?.status !== 'pending') return { escalated: false };
  await sendEmail(await rotationOverdueEmail(account, rotation));
  return { escalated: true };
}

/**
 * Workflow task after confirmation: everyone who may use the account hears that the password
 * changed, never what it is (TN-09, NJ-05; the recipients are chosen in messages.ts). Audited with
 * how many heard.
 */
export async function announceRotation(
  accountId: string,
  rotationId: string,
  now = new Date(),
): Promise<{ notified: number }> {
  const account = await accountOrNotFound(accountId);
  const rotation = await getRotation(accountId, rotationId);
  if (rotation?.status !== 'confirmed') return { notified: 0 };
  const at = now.toISOString();
  const email = await passwordChangedEmail(account, rotation, at);
  await sendEmail(email);
  await appendAudit({
    subject: `ACCOUNT#${accountId}`,
    action: 'rotation.announced',
    actorId: 'system:credential-rotation',
    at,
    details: { rotationId, recipients: email.to.length },
  });
  return { notified: email.to.length };
}
