/**
 * Secrets Manager's four-step rotation protocol for human-in-the-loop rotation (TN-09): the steps
 * the rotation function runs, and nothing else. The generated password waits as AWSPENDING until
 * the administrator confirms it (see api.ts); the workflow this starts runs workflow-tasks.ts.
 */
import { passwordFingerprint } from '../../adapters/fingerprints.ts';
import {
  fingerprintOwner,
  getRotation,
  markPending,
  openRotation,
  recordFingerprint,
} from '../../adapters/rotations.ts';
import { generatePassword, promotePending, readCredential, writeCredential } from '../../adapters/vault.ts';
import { startWorkflow } from '../../adapters/workflow-signals.ts';
import { stateMachineArn } from '../../config.ts';
import { activeProfile } from '../../policy/index.ts';
import { logger } from '../../telemetry.ts';
import { workflows } from '../../workflows.ts';
import { accountOrNotFound } from '../credentials.ts';
import { taskDueAt } from './due.ts';

const accountIdOfSecretName = (name: string) => name.replace(/^official-accounts\/accounts\//, '');

/**
 * The Secrets Manager rotation function's steps. createSecret generates the password (CT-12:
 * unique by fingerprint) as AWSPENDING under the rotation's token and starts the workflow that
 * gives the administrator the task; setSecret and testSecret are the administrator's (nothing to
 * automate); finishSecret promotes only a confirmed rotation.
 */
export async function rotationStep(step: string, secretName: string, token: string, now = new Date()): Promise<void> {
  const accountId = accountIdOfSecretName(secretName);
  await accountOrNotFound(accountId);
  if (step === 'createSecret') {
    const existing = await readCredential(accountId, 'AWSPENDING');
    if (existing?.versionId === token) return;
    const current = await readCredential(accountId, 'AWSCURRENT');
    if (!current)
      throw Object.assign(new Error(`Account ${accountId} has no current login to rotate.`), { name: 'NoCredential' });
    let rotation = await getRotation(accountId, token);
    if (!rotation) {
      // Started by Secrets Manager's own schedule rather than through the API.
      rotation = {
        rotationId: token,
        accountId,
        status: 'requested',
        reason: 'scheduled',
        requestedBy: 'system:secrets-manager',
        startedAt: now.toISOString(),
        dueAt: taskDueAt(now),
      };
      if (
        !(await openRotation(rotation, {
          subject: `ACCOUNT#${accountId}`,
          action: 'rotation.requested',
          actorId: rotation.requestedBy,
          at: rotation.startedAt,
          details: { rotationId: token, reason: 'scheduled' },
        }))
      ) {
        throw Object.assign(new Error(`Another rotation is open for ${accountId}.`), { name: 'RotationOpen' });
      }
    }
    let password: string;
    let fingerprint: string;
    do {
      password = await generatePassword(activeProfile().rotation.passwordLength);
      fingerprint = await passwordFingerprint(password);
    } while (await fingerprintOwner(fingerprint));
    await writeCredential(accountId, { ...current.credential, password }, token, 'AWSPENDING');
    await recordFingerprint(fingerprint, accountId, token, now.toISOString());
    await markPending(accountId, token);
    const { rotation: rules } = activeProfile();
    await startWorkflow(stateMachineArn(workflows.credentialRotation.envVar), token, {
      accountId,
      rotationId: token,
      schedule: {
        remindAfterSeconds: rules.reminderAfterHours * 3600,
        escalateAfterSeconds: Math.max(1, (rules.escalateAfterHours - rules.reminderAfterHours) * 3600),
      },
    });
    return;
  }
  if (step === 'finishSecret') {
    const rotation = await getRotation(accountId, token);
    if (rotation?.status === 'confirmed') await promotePending(accountId, token);
    return;
  }
  // setSecret, testSecret: a person sets the password on the platform and confirms it works.
  logger.info('rotation step left to the administrator', { step, accountId });
}
