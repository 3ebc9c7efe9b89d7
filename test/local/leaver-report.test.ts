/**
 * Issue 16.1: a leaver must not keep the password. The leaver report (TN-10) says whether the
 * password changed since the person saw it by comparing the versions they revealed (the audit
 * records each reveal's versionId) with the version now current, not by timestamps; a departure
 * replaces a rotation still waiting for a person; the 2FA secret and recovery codes a designated
 * administrator could see are flagged for renewal. On the in-process stand-ins.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendAudit } from '../../shared/adapters/audit.ts';
import { getDeparture, putDeparture, type Departure } from '../../shared/adapters/departures.ts';
import { putStaffMember } from '../../shared/adapters/directory.ts';
import { getRotation } from '../../shared/adapters/rotations.ts';
import type { Caller } from '../../shared/auth/caller.ts';
import { leaverAccounts, rotateLeaverAccounts } from '../../shared/services/departures.ts';
import { beginRotation, confirmRotation } from '../../shared/services/rotation/api.ts';
import { administrators, startRotationStandIns, type RotationStandIns } from '../support/rotation-stand-ins.ts';

vi.mock('../../shared/adapters/workflow-signals.ts', () => ({
  startWorkflow: async (_arn: string, name: string) => `arn:execution:${name}`,
  completeTask: async () => true,
}));

const backup: Caller = { id: administrators.backup, roles: ['administrator'], region: 'knox', office: undefined };
let local: RotationStandIns;
let leavers = 0;

beforeAll(async () => {
  local = await startRotationStandIns();
});
afterAll(() => local?.stop());

/** A designated administrator of one account of their own, who will leave. */
async function administratorWithAccount() {
  const staffId = `stf-leaver-${++leavers}`;
  await putStaffMember({
    staffId,
    name: `Leaver ${leavers}`,
    email: `leaver${leavers}@agency.example`,
    roles: ['administrator'],
    region: `region-${leavers}`,
    office: 'central',
  });
  return { staffId, ...(await local.newAccount(staffId)) };
}

/** The audit entry the reveal service writes (shared/services/credentials.ts). */
const revealed = (staffId: string, accountId: string, versionId: string, stage: 'current' | 'pending') =>
  appendAudit({
    subject: `ACCOUNT#${accountId}`,
    action: 'credential.revealed',
    actorId: staffId,
    at: new Date().toISOString(),
    details: { versionId, stage, as: 'designated-administrator', sourceIp: '127.0.0.1' },
  });

const departureOf = (staffId: string, accountId: string): Departure => ({
  departureId: `dep_${staffId.padEnd(22, 'x').slice(0, 22)}`,
  staffId,
  standing: 'bad',
  departedAt: new Date().toISOString(),
  reportedBy: 'stf-hr',
  reportedAt: new Date().toISOString(),
  status: 'rotating',
  revokedGrants: [accountId],
  rotations: [],
});

const lineOf = async (departure: Departure, accountId: string) =>
  (await leaverAccounts(departure)).find((line) => line.accountId === accountId)!;

describe('leaverAccounts: changed since the leaver saw it, by version (issue 16.1)', () => {
  it('the back-up confirms the very password the leaver revealed while pending: not changed', async () => {
    const { staffId, accountId } = await administratorWithAccount();
    const { rotationId } = await beginRotation(await local.accountOf(accountId), 'on-demand', staffId);
    await local.runSteps(accountId, rotationId);
    await revealed(staffId, accountId, rotationId, 'pending');
    const departure = departureOf(staffId, accountId);
    await new Promise((done) => setTimeout(done, 5));
    await confirmRotation(backup, accountId, rotationId);
    const line = await lineOf(departure, accountId);
    expect(line.passwordChangedSince).toBe(false);
    expect(line.renewSecondFactor).toBe(true);
  });

  it('a departure replaces the rotation whose password the leaver saw; confirming the new one changes it', async () => {
    const { staffId, accountId, currentVersion } = await administratorWithAccount();
    await revealed(staffId, accountId, currentVersion, 'current');
    const open = await beginRotation(await local.accountOf(accountId), 'on-demand', staffId);
    await local.runSteps(accountId, open.rotationId);
    await revealed(staffId, accountId, open.rotationId, 'pending');
    const departure = departureOf(staffId, accountId);
    await putDeparture(departure);
    expect(await rotateLeaverAccounts(departure.departureId)).toEqual({ rotations: 1 });
    expect((await getRotation(accountId, open.rotationId))?.status).toBe('cancelled');
    expect((await local.stagesOf(accountId))[open.rotationId] ?? []).toEqual([]);
    await expect(confirmRotation(backup, accountId, open.rotationId)).rejects.toMatchObject({
      code: 'RotationCancelled',
    });
    const rotationId = (await getDeparture(departure.departureId))!.rotations[0]!.rotationId!;
    expect(rotationId).not.toBe(open.rotationId);
    expect((await lineOf(departure, accountId)).passwordChangedSince).toBe(false);
    await local.runSteps(accountId, rotationId);
    await confirmRotation(backup, accountId, rotationId);
    const line = await lineOf(departure, accountId);
    expect(line.passwordChangedSince).toBe(true);
    expect(line.renewSecondFactor).toBe(true);
  });

  it('a grant holder who never saw the 2FA secret: nothing to renew', async () => {
    const { accountId, currentVersion } = await administratorWithAccount();
    const staffId = `stf-grant-${leavers}`;
    await putStaffMember({
      staffId,
      name: 'Grant Holder',
      email: `${staffId}@agency.example`,
      roles: ['staff'],
      region: 'elsewhere',
      office: 'central',
    });
    await appendAudit({
      subject: `ACCOUNT#${accountId}`,
      action: 'credential.revealed',
      actorId: staffId,
      at: new Date().toISOString(),
      details: { versionId: currentVersion, stage: 'current', as: 'grant-holder', sourceIp: '127.0.0.1' },
    });
    const line = await lineOf(departureOf(staffId, accountId), accountId);
    expect(line).toMatchObject({ access: ['grant'], passwordChangedSince: false, renewSecondFactor: false });
  });
});
