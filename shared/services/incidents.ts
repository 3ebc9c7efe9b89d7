/**
 * Incidents: recorded first (so nothing is lost to an email outage), then the workflow tells the
 * region's directors and the account's administrators at once (TN-06); suspected abuse or neglect
 * carries the hotline steps and stays open until the hotline report is recorded (TN-14); a
 * compromise starts an urgent password change and tells the supervisors (NJ-05).
 */
import { appendAudit } from '../adapters/audit.ts';
import { findRoleHolders, getRegion, getStaffMember } from '../adapters/directory.ts';
import {
  getIncident,
  incidentToken,
  putIncident,
  recordHotlineReport,
  recordNotified,
  storeIncidentToken,
  type Incident,
} from '../adapters/incidents.ts';
import { sendEmail } from '../adapters/mailer.ts';
import { completeTask, startWorkflow } from '../adapters/workflow-signals.ts';
import { hasRole, requireRegion, type Caller } from '../auth/caller.ts';
import { consoleLink, stateMachineArn } from '../config.ts';
import { incidentReported } from '../views/emails/incidents.ts';
import { newId } from '../domain/ids.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { activeProfile } from '../policy/index.ts';
import { regionTimeZone } from '../policy/time-zone.ts';
import { countMetric } from '../telemetry.ts';
import { workflows } from '../workflows.ts';
import { accountOrNotFound } from './credentials.ts';
import { beginReplacingRotation } from './rotation/cancel.ts';
import { waitLimitSeconds } from '../domain/wait-limits.ts';

/**
 * 403 unless the caller is of the account's region: its activity goes to its own regional director.
 * @enforces TN-06
 */
function requireRegionOfIncident(caller: Caller, region: string): void {
  requireRegion(caller, region, 'TN-06');
}

/** POST /incidents: staff of the account's region report; 202 once recorded and the workflow runs. */
export async function reportIncident(
  caller: Caller,
  body: { accountId: string; type: Incident['type']; description: string; observedAt: string },
  now = new Date(),
): Promise<{ incidentId: string }> {
  const account = await accountOrNotFound(body.accountId);
  requireRegionOfIncident(caller, account.region);
  if (Date.parse(body.observedAt) > now.getTime() + 5 * 60_000) {
    throw new ValidationError('An incident cannot be observed in the future.', [
      { field: 'body.observedAt', message: 'in the future' },
    ]);
  }
  const incident: Incident = {
    incidentId: newId('inc'),
    accountId: account.accountId,
    region: account.region,
    type: body.type,
    description: body.description,
    observedAt: new Date(body.observedAt).toISOString(),
    reportedBy: caller.id,
    reportedAt: now.toISOString(),
    status: body.type === 'suspected-abuse-or-neglect' ? 'open' : 'notified',
  };
  await putIncident(incident);
  await appendAudit({
    subject: `ACCOUNT#${account.accountId}`,
    action: 'incident.reported',
    actorId: caller.id,
    at: incident.reportedAt,
    details: { incidentId: incident.incidentId, type: incident.type },
  });
  countMetric('IncidentsOpened');
  await startWorkflow(stateMachineArn(workflows.incident.envVar), incident.incidentId, {
    incidentId: incident.incidentId,
    schedule: {
      remindAfterSeconds: Math.min(...activeProfile().hotlines.map((h) => h.reminderAfterHours)) * 3600,
      waitLimitSeconds: waitLimitSeconds(activeProfile()).incident,
    },
  });
  return { incidentId: incident.incidentId };
}

async function incidentOrNotFound(incidentId: string): Promise<Incident> {
  const incident = await getIncident(incidentId);
  if (!incident) throw new NotFoundError(`No incident ${incidentId}.`);
  return incident;
}

/** The record, for staff of the region and operations, with who holds the account's recovery codes. */
export async function viewIncident(caller: Caller, incidentId: string) {
  const incident = await incidentOrNotFound(incidentId);
  if (!hasRole(caller, ['operations'])) requireRegionOfIncident(caller, incident.region);
  const account = await accountOrNotFound(incident.accountId);
  return { ...incident, recoveryCustodians: [account.administratorId, account.backupAdministratorId] };
}

/**
 * Workflow task: emails the directors of the region and the account's administrators (TN-06),
 * with the hotline steps for suspected abuse (TN-14); for a compromise, starts the urgent
 * rotation and adds the region's supervisors (NJ-05). Returns whether to wait for a hotline report.
 */
export async function notifyIncident(incidentId: string, reminder = false): Promise<{ awaitHotlineReport: boolean }> {
  const incident = await incidentOrNotFound(incidentId);
  if (reminder && incident.status !== 'open') return { awaitHotlineReport: false };
  const account = await accountOrNotFound(incident.accountId);
  const profile = activeProfile();
  let rotationId = incident.rotationId;
  if (!reminder && incident.type === 'account-compromise' && !rotationId) {
    rotationId = await beginReplacingRotation(account, 'compromise', incident.reportedBy, `incident ${incidentId}`)
      .then((r) => r.rotationId)
      .catch((error: Error) => {
        // A change already under way answers the compromise too; anything else is retried by the workflow.
        if (error instanceof ConflictError) return undefined;
        throw error;
      });
  }
  const directors = await findRoleHolders('director', account.region);
  const supervisors =
    incident.type === 'account-compromise' || profile.rotation.notifySupervisors
      ? await findRoleHolders('supervisor', account.region)
      : [];
  const people = await Promise.all(
    [account.administratorId, account.backupAdministratorId, ...(reminder ? [incident.reportedBy] : [])].map(
      getStaffMember,
    ),
  );
  const reporter = await getStaffMember(incident.reportedBy);
  const region = await getRegion(account.region);
  await sendEmail(
    incidentReported({
      to: [
        ...directors.map((d) => d.email),
        ...people.flatMap((p) => (p ? [p.email] : [])),
        ...supervisors.map((s) => s.email),
      ],
      incidentId,
      type: incident.type,
      account: {
        accountId: account.accountId,
        platform: account.platform,
        regionName: region?.name ?? account.region,
        timeZone: regionTimeZone(account.region),
        ...(account.displayName ? { displayName: account.displayName } : {}),
      },
      reporterName: reporter?.name ?? incident.reportedBy,
      observedAt: incident.observedAt,
      recordLink: consoleLink(`/incidents/${incidentId}`),
      ...(incident.type === 'suspected-abuse-or-neglect' ? { hotlines: profile.hotlines } : {}),
      rotationStarted: Boolean(rotationId) && !reminder,
      reminder,
    }),
  );
  if (!reminder) await recordNotified(incidentId, incident.status, rotationId);
  return { awaitHotlineReport: incident.type === 'suspected-abuse-or-neglect' };
}

/** Workflow callback task: wait for the hotline reference; answer at once if it is already recorded. */
export async function awaitHotlineReport(incidentId: string, taskToken: string): Promise<void> {
  await storeIncidentToken(incidentId, taskToken);
  if ((await incidentOrNotFound(incidentId)).status === 'closed')
    await completeTask(taskToken, { outcome: 'reported' });
}

/**
 * POST /incidents/{id}/hotline-report (TN-14): records the reference and closes the incident.
 * @enforces TN-14
 */
export async function recordHotline(
  caller: Caller,
  incidentId: string,
  body: { reference: string; reportedAt?: string },
  now = new Date(),
) {
  const incident = await incidentOrNotFound(incidentId);
  requireRegion(caller, incident.region, 'TN-14');
  if (incident.type !== 'suspected-abuse-or-neglect')
    throw new ConflictError(
      'Only a suspected abuse or neglect incident takes a hotline report.',
      'NotAHotlineIncident',
    );
  const report = {
    reference: body.reference,
    reportedAt: new Date(body.reportedAt ?? now).toISOString(),
    recordedBy: caller.id,
  };
  if (!(await recordHotlineReport(incidentId, report)))
    throw new ConflictError('The hotline report is already recorded.', 'AlreadyRecorded');
  await appendAudit({
    subject: `ACCOUNT#${incident.accountId}`,
    action: 'incident.hotline-reported',
    actorId: caller.id,
    at: now.toISOString(),
    details: { incidentId },
  });
  const token = await incidentToken(incidentId);
  if (token) await completeTask(token, { outcome: 'reported' });
  return { ...incident, status: 'closed' as const, hotlineReport: report };
}
