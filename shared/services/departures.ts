/**
 * Departures (TN-10). Before the 202: the person is marked departed in the directory (every reveal
 * is refused from then on) and every grant is revoked. The workflow sends the directors the
 * leaver report; for a bad standing it waits until the person's email access is removed, then
 * changes every password they could reveal; for a good standing the profile decides.
 */
import { appendAudit, auditByActor } from '../adapters/audit.ts';
import { getAccount, listAccountsByRegion, type StoredAccount } from '../adapters/accounts.ts';
import { findRoleHolders, getStaffMember, markDeparted } from '../adapters/directory.ts';
import {
  departuresOf,
  departureToken,
  getDeparture,
  putDeparture,
  recordEmailAccessRemoved,
  storeDepartureToken,
  updateDeparture,
  type Departure,
} from '../adapters/departures.ts';
import { deleteGrant, grantsOfStaff } from '../adapters/grants.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { lastConfirmedRotation } from '../adapters/rotations.ts';
import { completeTask, startWorkflow } from '../adapters/workflow-signals.ts';
import { hasRole, type Caller } from '../auth/caller.ts';
import { consoleLink, stateMachineArn } from '../config.ts';
import { emailRemovalDue, leaverReport } from '../views/emails/departures.ts';
import { newId } from '../domain/ids.ts';
import { leaverRefusal } from '../domain/leaver-rule.ts';
import { refuse } from '../domain/refusal.ts';
import { supervisorReveal } from '../domain/supervisor-rule.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { activeProfile } from '../policy/index.ts';
import { regionTimeZone } from '../policy/time-zone.ts';
import { workflows } from '../workflows.ts';
import { positionLine, positionsHeldBy } from './leaver-positions.ts';
import { voidDelegations, voidOpenLinks } from './leaver-voiding.ts';
import { beginReplacingRotation } from './rotation/cancel.ts';
import { waitLimitSeconds } from '../domain/wait-limits.ts';

/** POST /departures: revoke first, then start the workflow; the 202 means no reveal can succeed. */
export async function reportDeparture(
  caller: Caller,
  body: { staffId: string; standing: 'good' | 'bad'; departedAt: string },
  now = new Date(),
): Promise<{ departureId: string }> {
  const person = await getStaffMember(body.staffId);
  if (!person)
    throw new ValidationError('The person is not in the staff directory.', [
      { field: 'body.staffId', message: 'unknown staff id' },
    ]);
  if (body.staffId === caller.id)
    throw new ValidationError("Report someone else's departure.", [
      { field: 'body.staffId', message: 'must not be yourself' },
    ]);
  // Issue 16.4: HR records anyone's departure; a director only their own region's (TN-10).
  refuse(leaverRefusal({ of: 'departure-reporter', caller, region: person.region }));
  // A recorded, unreinstated departure is final; a half-recorded one (no record yet) may be retried.
  if ((await departuresOf(person.staffId)).some((d) => !d.reinstatedAt))
    throw new ConflictError(`${person.staffId} is already recorded as departed.`, 'AlreadyDeparted');
  const at = now.toISOString();
  await markDeparted(person.staffId, new Date(body.departedAt).toISOString());
  const voided = {
    links: await voidOpenLinks(person.staffId, caller.id, at),
    delegations: await voidDelegations(person.staffId, caller.id, at),
  };
  const positions = await positionsHeldBy(person, now);
  const grants = await grantsOfStaff(person.staffId);
  for (const grant of grants) {
    await deleteGrant(grant.accountId, grant.staffId);
    await appendAudit({
      subject: `ACCOUNT#${grant.accountId}`,
      action: 'grant.revoked',
      actorId: caller.id,
      at,
      details: { staffId: person.staffId, reason: 'departure' },
    });
  }
  const departure: Departure = {
    departureId: newId('dep'),
    staffId: person.staffId,
    standing: body.standing,
    departedAt: new Date(body.departedAt).toISOString(),
    reportedBy: caller.id,
    reportedAt: at,
    status: body.standing === 'bad' ? 'awaiting-email-removal' : 'rotating',
    revokedGrants: grants.map((g) => g.accountId),
    rotations: [],
    voided,
    positions,
  };
  await putDeparture(departure);
  await startWorkflow(
    stateMachineArn(workflows.departure.envVar),
    departure.departureId,
    departureWorkflowInput(departure),
  );
  return { departureId: departure.departureId };
}

/** The departure workflow's input: the standing decides its path, the profile its waits. */
export function departureWorkflowInput(departure: Pick<Departure, 'departureId' | 'standing'>) {
  const { departures } = activeProfile();
  return {
    departureId: departure.departureId,
    standing: departure.standing,
    rotateOnGoodStanding: departures.rotateOnGoodStanding,
    schedule: {
      remindAfterSeconds: departures.reminderAfterHours * 3600,
      escalateAfterSeconds: Math.max(1, (departures.escalateAfterHours - departures.reminderAfterHours) * 3600),
      waitLimitSeconds: waitLimitSeconds(activeProfile()).departure,
    },
  };
}

async function departureOrNotFound(departureId: string): Promise<Departure> {
  const departure = await getDeparture(departureId);
  if (!departure) throw new NotFoundError(`No departure ${departureId}.`);
  return departure;
}

/**
 * Whether the password changed since the person saw it. By version (issue 16.1): a rotation they
 * watched being prepared is confirmed after their last reveal, yet its password is the one they
 * saw, so timestamps say "changed" when it did not. Each reveal's audit entry names the version;
 * the version now current is the last confirmed rotation's. Without reveals, or before any
 * rotation, the dates decide as before.
 */
async function changedSince(
  accountId: string,
  revealedVersions: Set<string>,
  lastRotatedAt: string | null,
  since: string,
): Promise<boolean> {
  if (revealedVersions.size > 0) {
    const current = (await lastConfirmedRotation(accountId))?.rotationId;
    if (current) return !revealedVersions.has(current);
  }
  return Boolean(lastRotatedAt && lastRotatedAt > since);
}

/**
 * Every account the person could reveal (grants at departure, administrator or director of the
 * account, supervisor of its region where the profile lets supervisors reveal), with their reveals,
 * whether the password changed after they last saw it, and whether the 2FA secret and recovery
 * codes they could see need renewing (a rotation copies those unchanged into the new version).
 */
export async function leaverAccounts(departure: Departure) {
  const person = await getStaffMember(departure.staffId);
  const regionAccounts = person ? await listAccountsByRegion(person.region) : [];
  const byId = new Map<string, StoredAccount>(regionAccounts.map((a) => [a.accountId, a]));
  for (const accountId of departure.revokedGrants) {
    if (byId.has(accountId)) continue;
    const account = await getAccount(accountId);
    if (account) byId.set(accountId, account);
  }
  const reveals = (await auditByActor(departure.staffId)).filter((e) => e.action === 'credential.revealed');
  const lines = [];
  for (const account of byId.values()) {
    const access: Array<'grant' | 'designated-administrator' | 'director' | 'supervisor'> = [];
    if (departure.revokedGrants.includes(account.accountId)) access.push('grant');
    if (account.administratorId === departure.staffId || account.backupAdministratorId === departure.staffId)
      access.push('designated-administrator');
    if (account.directorIds.includes(departure.staffId)) access.push('director');
    const setting = activeProfile().access.supervisorsMayReveal;
    if (person && supervisorReveal({ setting, caller: person, region: account.region })) access.push('supervisor');
    if (access.length === 0) continue;
    const accountReveals = reveals.filter((e) => e.subject === `ACCOUNT#${account.accountId}`);
    const times = accountReveals.map((e) => e.at).sort();
    const revealedVersions = new Set(
      accountReveals.map((e) => e.details?.versionId).filter((v): v is string => typeof v === 'string'),
    );
    // TN-05: only designated administrators are shown the 2FA secret and recovery codes.
    const sawSecondFactor =
      access.includes('designated-administrator') ||
      accountReveals.some((e) => e.details?.as === 'designated-administrator');
    const lastRevealAt = times.at(-1) ?? null;
    const since = lastRevealAt ?? departure.departedAt;
    const successor =
      account.administratorId === departure.staffId
        ? account.backupAdministratorId
        : account.backupAdministratorId === departure.staffId
          ? account.administratorId
          : undefined;
    lines.push({
      accountId: account.accountId,
      platform: account.platform,
      region: account.region,
      access,
      reveals: times,
      lastRevealAt,
      lastRotatedAt: account.lastRotatedAt,
      passwordChangedSince: await changedSince(account.accountId, revealedVersions, account.lastRotatedAt, since),
      renewSecondFactor: sawSecondFactor,
      ...(successor ? { successorCustodian: successor } : {}),
    });
  }
  return lines;
}

/** GET /departures/{id}: the departure and its live leaver report (HR, directors, operations; TN-10). */
export async function viewDeparture(caller: Caller, departureId: string) {
  refuse(leaverRefusal({ of: 'departure-reader', caller }));
  const departure = await departureOrNotFound(departureId);
  // HR, IT and operations work statewide; a director reads the reports of their own region's leavers.
  if (!hasRole(caller, ['operations', 'hr', 'it-director'])) {
    const person = await getStaffMember(departure.staffId);
    refuse(leaverRefusal({ of: 'departure-reader', caller, region: person?.region ?? '' }));
  }
  return { ...departure, report: await leaverAccounts(departure) };
}

async function directorsFor(
  departure: Departure,
  lines: Awaited<ReturnType<typeof leaverAccounts>>,
): Promise<string[]> {
  const person = await getStaffMember(departure.staffId);
  const regions = new Set([
    ...(person ? [person.region] : []),
    ...lines.map((l) => l.region),
    ...(departure.positions ?? []).map((p) => p.region),
  ]);
  const directors = (await Promise.all([...regions].map((r) => findRoleHolders('director', r)))).flat();
  return [...new Set(directors.filter((d) => d.staffId !== departure.staffId).map((d) => d.email))];
}

/** Workflow task: the leaver report to the directors, at the start and once the passwords changed. */
export async function sendLeaverReport(departureId: string, stage: 'reported' | 'completed'): Promise<void> {
  const departure = await departureOrNotFound(departureId);
  const lines = await leaverAccounts(departure);
  const person = await getStaffMember(departure.staffId);
  const successorNames = new Map<string, string>();
  for (const line of lines)
    if (line.successorCustodian)
      successorNames.set(
        line.successorCustodian,
        (await getStaffMember(line.successorCustodian))?.name ?? line.successorCustodian,
      );
  await sendEmail(
    leaverReport({
      to: await directorsFor(departure, lines),
      personName: person?.name ?? departure.staffId,
      standing: departure.standing,
      departedAt: departure.departedAt,
      timeZone: regionTimeZone(person?.region),
      lines: lines.map((l) => ({
        ...l,
        ...(l.successorCustodian ? { successorCustodian: successorNames.get(l.successorCustodian)! } : {}),
      })),
      recordLink: consoleLink(`/departures/${departureId}`),
      stage,
      revokedGrants: departure.revokedGrants.length,
      positions: (departure.positions ?? []).map(positionLine),
    }),
  );
  if (stage === 'completed') await updateDeparture(departureId, { status: 'completed' });
}

/** Workflow callback task: wait for HR/IT; answer at once if already recorded. */
export async function awaitEmailRemoval(departureId: string, taskToken: string): Promise<void> {
  await storeDepartureToken(departureId, taskToken);
  if ((await departureOrNotFound(departureId)).emailAccessRemovedAt)
    await completeTask(taskToken, { outcome: 'removed' });
}

/** POST /departures/{id}/email-access-removed (TN-10). */
export async function confirmEmailAccessRemoved(caller: Caller, departureId: string, now = new Date()): Promise<void> {
  const departure = await departureOrNotFound(departureId);
  if (departure.standing !== 'bad')
    throw new ConflictError('Only a bad-standing departure waits for email access removal.', 'NotAwaited');
  if (!(await recordEmailAccessRemoved(departureId, now.toISOString())))
    throw new ConflictError('Email access removal is already recorded.', 'AlreadyRecorded');
  await appendAudit({
    subject: `STAFF#${departure.staffId}`,
    action: 'departure.email-access-removed',
    actorId: caller.id,
    at: now.toISOString(),
    details: { departureId },
  });
  const token = await departureToken(departureId);
  // The workflow stopped waiting (its wait ran out, issue 19.2): a run of its own rotates now (TN-10).
  if (token && !(await completeTask(token, { outcome: 'removed' })))
    await startWorkflow(stateMachineArn(workflows.departure.envVar), `${departureId}-email-removed`, {
      ...departureWorkflowInput(departure),
      emailAccessRemoved: true,
    });
}

/** Workflow task: reminders to HR and IT, then escalation to the directors. */
export async function remindEmailRemoval(departureId: string, escalated: boolean): Promise<void> {
  const departure = await departureOrNotFound(departureId);
  if (departure.emailAccessRemovedAt) return;
  const person = await getStaffMember(departure.staffId);
  const region = person?.region ?? 'central';
  const recipients = [
    ...(await findRoleHolders('hr', region)),
    ...(await findRoleHolders('it-director', region)),
    ...(escalated ? await findRoleHolders('director', region) : []),
  ];
  await sendEmail(
    emailRemovalDue({
      to: [...new Set(recipients.filter((r) => r.staffId !== departure.staffId).map((r) => r.email))],
      personName: person?.name ?? departure.staffId,
      departedAt: departure.departedAt,
      timeZone: regionTimeZone(person?.region),
      confirmLink: consoleLink(`/departures/${departureId}`),
      escalated,
    }),
  );
}

/**
 * Workflow task (TN-10): a password change for every account the person could reveal. A rotation
 * already waiting for a person is replaced, not kept: its password may be one the leaver revealed.
 */
export async function rotateLeaverAccounts(departureId: string): Promise<{ rotations: number }> {
  const departure = await departureOrNotFound(departureId);
  const lines = await leaverAccounts(departure);
  const rotations: Departure['rotations'] = [];
  for (const line of lines) {
    const account = (await getAccount(line.accountId))!;
    try {
      rotations.push({
        accountId: line.accountId,
        rotationId: (await beginReplacingRotation(account, 'departure', 'system:departure', `departure ${departureId}`))
          .rotationId,
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      rotations.push({ accountId: line.accountId, note: error.message });
    }
  }
  await updateDeparture(departureId, { status: 'rotating', rotations });
  return { rotations: rotations.filter((r) => r.rotationId).length };
}
