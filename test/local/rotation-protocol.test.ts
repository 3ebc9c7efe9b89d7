/**
 * Secrets Manager's rotation contract (issue 22) and the rotation function's idempotence (issue
 * 16.5), against the Secrets Manager stand-in and DynamoDB Local, started in this process. Secrets
 * Manager is driven as AWS drives it: RotateSecret, then the four steps under its token, here called
 * one by one so the staging labels can be read after each step and a failure injected between the
 * parts of createSecret. Workflows are recorded, not run: their starts and answers are what counts.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditTrail } from '../../shared/adapters/audit.ts';
import { getRotation, storeRotationToken } from '../../shared/adapters/rotations.ts';
import type { Caller } from '../../shared/auth/caller.ts';
import { beginRotation, confirmRotation } from '../../shared/services/rotation/api.ts';
import { beginReplacingRotation } from '../../shared/services/rotation/cancel.ts';
import { rotationStep } from '../../shared/services/rotation/protocol.ts';
import {
  administrators,
  holder,
  secretName,
  startRotationStandIns,
  type RotationStandIns,
} from '../support/rotation-stand-ins.ts';

/** Workflow starts and callback answers, as the product made them. */
const signals = vi.hoisted(() => ({
  started: [] as Array<{ name: string; input: unknown }>,
  answered: [] as Array<{ token: string; output: unknown }>,
}));
vi.mock('../../shared/adapters/workflow-signals.ts', () => ({
  startWorkflow: async (_arn: string, name: string, input: unknown) => {
    signals.started.push({ name, input });
    return `arn:execution:${name}`;
  },
  completeTask: async (token: string, output: unknown) => {
    signals.answered.push({ token, output });
    return true;
  },
}));

/** The part of createSecret to fail once, before it runs: the failure injected between two parts. */
const inject = vi.hoisted(() => ({ failBefore: undefined as string | undefined }));
const failOnce = (name: string) => {
  if (inject.failBefore !== name) return;
  inject.failBefore = undefined;
  throw Object.assign(new Error(`injected failure before ${name}`), { name: 'InjectedFailure' });
};
vi.mock('../../shared/adapters/rotations.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../shared/adapters/rotations.ts')>();
  return {
    ...original,
    recordFingerprint: async (...args: Parameters<typeof original.recordFingerprint>) => {
      failOnce('recordFingerprint');
      return original.recordFingerprint(...args);
    },
    closeRotation: async (...args: Parameters<typeof original.closeRotation>) => {
      failOnce('closeRotation');
      return original.closeRotation(...args);
    },
    markPending: async (...args: Parameters<typeof original.markPending>) => {
      failOnce('markPending');
      const marked = await original.markPending(...args);
      failOnce('startWorkflow');
      return marked;
    },
  };
});
vi.mock('../../shared/adapters/vault.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../shared/adapters/vault.ts')>();
  return {
    ...original,
    writeCredential: async (...args: Parameters<typeof original.writeCredential>) => {
      failOnce('writeCredential');
      await original.writeCredential(...args);
      failOnce('afterWriteCredential');
    },
  };
});

const administrator: Caller = {
  id: administrators.designated,
  roles: ['administrator'],
  region: 'knox',
  office: undefined,
};
let local: RotationStandIns;
let client: RotationStandIns['client'];
let stagesOf: RotationStandIns['stagesOf'];
let newAccount: RotationStandIns['newAccount'];
let accountOf: RotationStandIns['accountOf'];
let rotateSecret: RotationStandIns['rotateSecret'];
let runSteps: RotationStandIns['runSteps'];
let pendingPassword: RotationStandIns['pendingPassword'];
let expectDocumentedEndState: RotationStandIns['expectDocumentedEndState'];

beforeAll(async () => {
  local = await startRotationStandIns();
  ({ client, stagesOf, newAccount, accountOf, rotateSecret, runSteps, pendingPassword, expectDocumentedEndState } =
    local);
});
afterAll(() => local?.stop());

beforeEach(() => {
  signals.started.length = 0;
  signals.answered.length = 0;
  inject.failBefore = undefined;
});

describe('rotationStep: the labels after each step (issue 22)', () => {
  it('createSecret puts AWSPENDING and OA_PENDING; finishSecret leaves only OA_PENDING, the old one current', async () => {
    const { accountId, currentVersion } = await newAccount();
    const { rotationId } = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
    await rotationStep('createSecret', secretName(accountId), rotationId);
    expect((await stagesOf(accountId))[rotationId]?.sort()).toEqual(['AWSPENDING', 'OA_PENDING']);
    await rotationStep('setSecret', secretName(accountId), rotationId);
    await rotationStep('testSecret', secretName(accountId), rotationId);
    expect((await stagesOf(accountId))[rotationId]?.sort()).toEqual(['AWSPENDING', 'OA_PENDING']);
    await rotationStep('finishSecret', secretName(accountId), rotationId);
    const stages = await stagesOf(accountId);
    expect(stages[rotationId]).toEqual(['OA_PENDING']);
    expect(stages[currentVersion]).toEqual(['AWSCURRENT']);
    await expectDocumentedEndState(accountId);
    const waiting = await client.send(
      new GetSecretValueCommand({ SecretId: secretName(accountId), VersionStage: 'OA_PENDING' }),
    );
    expect(waiting.VersionId).toBe(rotationId);
    expect((await getRotation(accountId, rotationId))?.status).toBe('pending');
    expect(signals.started.map((s) => s.name)).toEqual([rotationId]);
  });

  it('confirmation moves AWSCURRENT to the waiting version, AWSPREVIOUS follows, OA_PENDING goes', async () => {
    const { accountId, currentVersion } = await newAccount();
    const { rotationId } = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
    await runSteps(accountId, rotationId);
    const confirmed = await confirmRotation(administrator, accountId, rotationId);
    expect(confirmed.status).toBe('confirmed');
    const stages = await stagesOf(accountId);
    expect(stages[rotationId]).toEqual(['AWSCURRENT']);
    expect(stages[currentVersion]).toEqual(['AWSPREVIOUS']);
    expect(holder(stages, 'OA_PENDING')).toBeUndefined();
    await expectDocumentedEndState(accountId);
  });

  it('a scheduled RotateSecret while a rotation waits for a person is accepted and covered by the waiting one', async () => {
    const { accountId, currentVersion } = await newAccount();
    const { rotationId } = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
    await runSteps(accountId, rotationId);
    // Secrets Manager's schedule: no rotation record, no token of ours.
    const scheduled = await rotateSecret(accountId);
    await runSteps(accountId, scheduled);
    const stages = await stagesOf(accountId);
    expect(stages[rotationId]).toEqual(['OA_PENDING']);
    expect(stages[currentVersion]).toEqual(['AWSCURRENT']);
    expect(stages[scheduled] ?? []).toEqual([]);
    expect(await getRotation(accountId, scheduled)).toBeUndefined();
    expect(signals.started.map((s) => s.name)).toEqual([rotationId]);
    const audit = await auditTrail(`ACCOUNT#${accountId}`);
    expect(audit.map((e) => e.action)).toContain('rotation.schedule-covered');
    // And the next RotateSecret still meets no dangling AWSPENDING.
    await expect(rotateSecret(accountId)).resolves.toEqual(expect.any(String));
  });

  it('a scheduled rotation with nothing waiting opens its own and ends waiting under OA_PENDING', async () => {
    const { accountId } = await newAccount();
    const scheduled = await rotateSecret(accountId);
    await runSteps(accountId, scheduled);
    expect((await stagesOf(accountId))[scheduled]).toEqual(['OA_PENDING']);
    expect(await getRotation(accountId, scheduled)).toMatchObject({ status: 'pending', reason: 'scheduled' });
  });
});

describe('rotationStep: safe to repeat after a failure between its parts (issue 16.5)', () => {
  for (const failBefore of [
    'writeCredential',
    'afterWriteCredential',
    'recordFingerprint',
    'markPending',
    'startWorkflow',
  ])
    it(`a failure before ${failBefore} is made good when Secrets Manager retries the rotation`, async () => {
      const { accountId } = await newAccount();
      const { rotationId } = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
      inject.failBefore = failBefore;
      await expect(rotationStep('createSecret', secretName(accountId), rotationId)).rejects.toThrow(/injected/);
      // Secrets Manager retries the rotation from createSecret under the same token.
      await runSteps(accountId, rotationId);
      expect((await getRotation(accountId, rotationId))?.status).toBe('pending');
      expect(signals.started.map((s) => s.name)).toEqual([rotationId]);
      expect((await stagesOf(accountId))[rotationId]).toEqual(['OA_PENDING']);
      // Every step once more changes nothing.
      const password = await pendingPassword(accountId);
      await runSteps(accountId, rotationId);
      expect(await pendingPassword(accountId)).toBe(password);
    });
});

describe('confirmRotation: safe to repeat after a failure between its parts (issue 16.5)', () => {
  it('AWSCURRENT moved but the rotation not yet closed: confirming again finishes it', async () => {
    const { accountId, currentVersion } = await newAccount();
    const { rotationId } = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
    await runSteps(accountId, rotationId);
    inject.failBefore = 'closeRotation';
    await expect(confirmRotation(administrator, accountId, rotationId)).rejects.toThrow(/injected/);
    expect((await stagesOf(accountId))[rotationId]).toEqual(['AWSCURRENT']);
    expect((await getRotation(accountId, rotationId))?.status).toBe('pending');
    await expect(confirmRotation(administrator, accountId, rotationId)).resolves.toMatchObject({ status: 'confirmed' });
    const stages = await stagesOf(accountId);
    expect(stages[rotationId]).toEqual(['AWSCURRENT']);
    expect(stages[currentVersion]).toEqual(['AWSPREVIOUS']);
    await expectDocumentedEndState(accountId);
  });
});

describe('beginRotation: a compromise or departure replaces a waiting rotation (issue 16.1)', () => {
  for (const reason of ['compromise', 'departure'] as const)
    it(`${reason}: the waiting rotation is cancelled, its label removed, its workflow ended; a new one starts`, async () => {
      const { accountId, currentVersion } = await newAccount();
      const first = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
      await runSteps(accountId, first.rotationId);
      await storeRotationToken(accountId, first.rotationId, 'task-token-of-the-first');
      const second = await beginReplacingRotation(await accountOf(accountId), reason, `system:${reason}`);
      expect(second.rotationId).not.toBe(first.rotationId);
      expect((await getRotation(accountId, first.rotationId))?.status).toBe('cancelled');
      expect(signals.answered).toEqual([{ token: 'task-token-of-the-first', output: { outcome: 'cancelled' } }]);
      await runSteps(accountId, second.rotationId);
      const stages = await stagesOf(accountId);
      expect(stages[first.rotationId] ?? []).toEqual([]);
      expect(stages[second.rotationId]).toEqual(['OA_PENDING']);
      expect(stages[currentVersion]).toEqual(['AWSCURRENT']);
      // The password the first rotation showed can no longer be confirmed.
      await expect(confirmRotation(administrator, accountId, first.rotationId)).rejects.toMatchObject({
        code: 'RotationCancelled',
      });
    });

  it('an on-demand request while one waits is still refused (409): the administrator finishes the open one', async () => {
    const { accountId } = await newAccount();
    const first = await beginRotation(await accountOf(accountId), 'on-demand', administrator.id);
    await runSteps(accountId, first.rotationId);
    await expect(beginRotation(await accountOf(accountId), 'on-demand', administrator.id)).rejects.toMatchObject({
      code: 'RotationOpen',
    });
  });
});
