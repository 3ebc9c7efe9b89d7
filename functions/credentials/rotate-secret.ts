/**
 * Secrets Manager's rotation function (createSecret, setSecret, testSecret, finishSecret) for
 * human-in-the-loop rotation; see shared/services/rotation/protocol.ts. Throws on failure so Secrets
 * Manager records the rotation as failed and retries.
 */
import * as z from 'zod/mini';
import { secretNameOf } from '../../shared/adapters/vault.ts';
import { rotationStep } from '../../shared/services/rotation/protocol.ts';
import { taskHandler } from '../../shared/task-handler.ts';

const rotationEvent = z.object({
  Step: z.enum(['createSecret', 'setSecret', 'testSecret', 'finishSecret']),
  SecretId: z.string().check(z.minLength(1)),
  ClientRequestToken: z.string().check(z.minLength(32)),
});

export const handler = taskHandler('RotateSecret', rotationEvent, async ({ Step, SecretId, ClientRequestToken }) =>
  rotationStep(Step, await secretNameOf(SecretId), ClientRequestToken),
);
