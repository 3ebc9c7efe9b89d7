/**
 * Secrets Manager's four-step rotation protocol for human-in-the-loop rotation (TN-09): the steps
 * the rotation function runs, and nothing else. Secrets Manager requires every rotation to end with
 * AWSPENDING on no version (or on AWSCURRENT's), or each later RotateSecret fails, yet the person
 * takes days: so the generated password waits under our own label, OA_PENDING, and finishSecret
 * takes AWSPENDING off (issue 22). Confirmation (api.ts) later moves AWSCURRENT to it. Every step is
 * safe to repeat, as Secrets Manager retries a failed rotation from createSecret (issue 16.5).
 */
import { appendAudit } from '../../adapters/audit.ts';
import { passwordFingerprint } from '../../adapters/fingerprints.ts';
import {
  getRotation,
  markPending,
  openRotation,
  openRotationOf,
  recordFingerprint,
  type Rotation,
} from '../../adapters/rotations.ts';
import {
  dropPending,
  generatePassword,
  OA_PENDING,
  promotePending,
  readCredential,
  readVersion,
  releaseAwsPending,
  writeCredential,
} from '../../adapters/vault.ts';
import { startWorkflow } from '../../adapters/workflow-signals.ts';
import { stateMachineArn } from '../../config.ts';
import { activeProfile } from '../../policy/index.ts';
import { logger } from '../../telemetry.ts';
import { workflows } from '../../workflows.ts';
import { accountOrNotFound } from '../credentials.ts';
import { taskDueAt } from './due.ts';
import { waitLimitSeconds } from '../../domain/wait-limits.ts';

const accountIdOfSecretName = (name: string) => name.replace(/^official-accounts\/accounts\//, '');

/**
 * The Secrets Manager rotation function's steps. createSecret generates the password (CT-12:
 * unique by fingerprint) under the rotation's token with AWSPENDING and OA_PENDING and starts the
 * workflow that gives the administrator the task; setSecret and testSecret are the administrator's
 * (nothing to automate); finishSecret promotes a rotation already confirmed and otherwise takes
 * AWSPENDING off, leaving the password waiting under OA_PENDING.
 */
export async function rotationStep(step: string, secretName: string, token: string, now = new Date()): Promise<void> {
  const accountId = accountIdOfSecretName(secretName);
  await accountOrNotFound(accountId);
  if (step === 'createSecret') return createSecret(accountId, token, now);
  if (step === 'finishSecret') {
    const rotation = await getRotation(accountId, token);
    if (rotation?.status === 'confirmed') await promotePending(accountId, token);
    else await releaseAwsPending(accountId, token);
    return;
  }
  // setSecret, testSecret: a person sets the password on the platform and confirms it works.
  logger.info('rotation step left to the administrator', { step, accountId });
}

async function createSecret(accountId: string, token: string, now: Date): Promise<void> {
  const rotation = (await getRotation(accountId, token)) ?? (await openScheduledRotation(accountId, token, now));
  if (!rotation || rotation.status === 'cancelled' || rotation.status === 'confirmed') {
    // Nothing to generate: a scheduled run a waiting rotation covers, or a retry after it closed.
    if (rotation?.status !== 'confirmed') await dropPending(accountId, token);
    return;
  }
  // A retry finds the version already written and carries on with the steps after it.
  let password = (await readVersion(accountId, token))?.credential.password;
  if (!password) {
    const current = await readCredential(accountId, 'AWSCURRENT');
    if (!current)
      throw Object.assign(new Error(`Account ${accountId} has no current login to rotate.`), { name: 'NoCredential' });
    // Claimed (conditionally) before it is stored, so no other account can take the same one meanwhile.
    do password = await generatePassword(activeProfile().rotation.passwordLength);
    while (!(await recordFingerprint(await passwordFingerprint(password), accountId, token, now.toISOString())));
    await writeCredential(accountId, { ...current.credential, password }, token, ['AWSPENDING', OA_PENDING]);
  } else if (!(await recordFingerprint(await passwordFingerprint(password), accountId, token, now.toISOString()))) {
    throw new Error(`The pending password of ${accountId} is claimed by another account (CT-12).`);
  }
  if (!(await markPending(accountId, token))) {
    // Cancelled while this step ran: its password must not stay revealable.
    if ((await getRotation(accountId, token))?.status === 'cancelled') await dropPending(accountId, token);
    return;
  }
  const { rotation: rules } = activeProfile();
  await startWorkflow(stateMachineArn(workflows.credentialRotation.envVar), token, {
    accountId,
    rotationId: token,
    schedule: {
      remindAfterSeconds: rules.reminderAfterHours * 3600,
      escalateAfterSeconds: Math.max(1, (rules.escalateAfterHours - rules.reminderAfterHours) * 3600),
      waitLimitSeconds: waitLimitSeconds(activeProfile()).credentialRotation,
    },
  });
}

/**
 * A rotation Secrets Manager's own schedule started (TN-09's monthly change). When one already
 * waits for a person, that one is the monthly change: the run is recorded and ends with no new
 * version, rather than replacing a password the administrator may be setting right now.
 */
async function openScheduledRotation(accountId: string, token: string, now: Date): Promise<Rotation | undefined> {
  const rotation: Rotation = {
    rotationId: token,
    accountId,
    status: 'requested',
    reason: 'scheduled',
    requestedBy: 'system:secrets-manager',
    startedAt: now.toISOString(),
    dueAt: taskDueAt(now),
  };
  const opened = await openRotation(rotation, {
    subject: `ACCOUNT#${accountId}`,
    action: 'rotation.requested',
    actorId: rotation.requestedBy,
    at: rotation.startedAt,
    details: { rotationId: token, reason: 'scheduled' },
  });
  if (opened) return rotation;
  const waiting = await openRotationOf(accountId);
  await appendAudit({
    subject: `ACCOUNT#${accountId}`,
    action: 'rotation.schedule-covered',
    actorId: rotation.requestedBy,
    at: rotation.startedAt,
    details: { rotationId: token, ...(waiting ? { waitingRotationId: waiting } : {}) },
  });
  logger.info('scheduled rotation covered by the one waiting for its administrator', { accountId });
  return undefined;
}
