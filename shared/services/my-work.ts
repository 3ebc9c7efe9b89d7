/**
 * What needs a person (issue 18.5a), in one call for the console's home: each kind is one query on an
 * index of open items (no Scan), narrowed to the caller by the roles that act on it.
 */
import { requestsBy } from '../adapters/account-requests.ts';
import { listAccountsByRegion } from '../adapters/accounts.ts';
import { openLinksHeldBy } from '../adapters/decision-links.ts';
import { openDepartures } from '../adapters/departures.ts';
import { openIncidents } from '../adapters/incidents.ts';
import { openRotationsDueBefore } from '../adapters/rotations.ts';
import type { Caller } from '../auth/caller.ts';
import type { Role } from '../auth/roles.ts';
import type { MyWork } from '../schemas/my-work.ts';
import { transcriptsOwedTo } from './transcript-supervisors.ts';

const holds = (caller: Caller, ...roles: Role[]) => caller.roles.some((role) => roles.includes(role));
/** Later than any due date: every open rotation. */
const endOfTime = '9999-12-31T23:59:59.999Z';

/** Rotations of the accounts of the caller's region that name them administrator or back-up. */
async function rotationTasks(caller: Caller): Promise<MyWork['rotations']> {
  if (!holds(caller, 'administrator') || !caller.region) return [];
  const mine = new Set(
    (await listAccountsByRegion(caller.region))
      .filter((account) => account.administratorId === caller.id || account.backupAdministratorId === caller.id)
      .map((account) => account.accountId),
  );
  if (mine.size === 0) return [];
  return (await openRotationsDueBefore(endOfTime))
    .filter((rotation) => mine.has(rotation.accountId))
    .map(({ accountId, rotationId, reason, dueAt }) => ({ accountId, rotationId, reason, dueAt }));
}

/** Incidents of the caller's region still waiting for the hotline reference. */
async function incidentsAwaitingHotline(caller: Caller): Promise<MyWork['incidents']> {
  if (!holds(caller, 'staff', 'administrator', 'director', 'supervisor') || !caller.region) return [];
  return (
    (await openIncidents())
      // TN-14: only suspected abuse or neglect is reported to the hotline.
      .filter(
        (incident) =>
          incident.region === caller.region &&
          incident.type === 'suspected-abuse-or-neglect' &&
          !incident.hotlineReport,
      )
      .map(({ incidentId, accountId, type, reportedAt }) => ({ incidentId, accountId, type, reportedAt }))
  );
}

/** Departures waiting for HR or IT to confirm the leaver's email access is removed. */
async function departuresAwaitingEmailRemoval(caller: Caller): Promise<MyWork['departures']> {
  if (!holds(caller, 'hr', 'it-director', 'operations')) return [];
  return (await openDepartures())
    .filter((departure) => departure.status === 'awaiting-email-removal')
    .map(({ departureId, staffId, standing, departedAt }) => ({ departureId, staffId, standing, departedAt }));
}

/** Everything waiting for `caller`, by kind; a kind their roles do not act on is empty. */
export async function myWork(caller: Caller): Promise<MyWork> {
  const [links, rotations, incidents, departures, requests, transcripts] = await Promise.all([
    openLinksHeldBy(caller.id),
    rotationTasks(caller),
    incidentsAwaitingHotline(caller),
    departuresAwaitingEmailRemoval(caller),
    holds(caller, 'director', 'designee') ? requestsBy(caller.id, 10) : Promise.resolve([]),
    // TN-12: what the reminder tells the supervisor, listed where they work.
    holds(caller, 'supervisor') && caller.region ? transcriptsOwedTo(caller.id, caller.region) : Promise.resolve([]),
  ]);
  const now = new Date().toISOString();
  return {
    decisions: links
      .filter((link) => link.expiresAt > now)
      .map((link) => ({
        kind: link.subject.kind,
        subjectId: link.subject.id,
        role: link.role,
        expiresAt: link.expiresAt,
      })),
    rotations,
    incidents,
    departures,
    transcripts,
    requests: requests.map(({ requestId, platform, status, createdAt }) => ({
      requestId,
      platform,
      status,
      createdAt,
    })),
  };
}
