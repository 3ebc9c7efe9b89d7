/**
 * HR corrects a departure's standing (issue 15.2), audited: an unexplained deactivation is recorded
 * with the profile's `departures.unexplainedDeactivationStanding`, and HR knows better. Kept simple:
 * good → bad starts the bad-standing path (a second run of the departure workflow waits for the
 * email access removal, then changes the passwords); bad → good leaves a wait already running as it
 * is, so the passwords still change once HR or IT confirms (a needless change costs less than a
 * missed one).
 */
import { appendAudit } from '../adapters/audit.ts';
import { getDeparture, recordStandingCorrection } from '../adapters/departures.ts';
import { startWorkflow } from '../adapters/workflow-signals.ts';
import type { Caller } from '../auth/caller.ts';
import { leaverRefusal } from '../domain/leaver-rule.ts';
import { refuse } from '../domain/refusal.ts';
import { stateMachineArn } from '../config.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { workflows } from '../workflows.ts';
import { departureWorkflowInput, viewDeparture } from './departures.ts';

/** POST /departures/{id}/standing (HR, TN-10's home decides). */
export async function correctStanding(
  caller: Caller,
  departureId: string,
  body: { standing: 'good' | 'bad'; reason: string },
  now = new Date(),
) {
  refuse(leaverRefusal({ of: 'departure-correction', caller }));
  const departure = await getDeparture(departureId);
  if (!departure) throw new NotFoundError(`No departure ${departureId}.`);
  if (departure.reinstatedAt) throw new ConflictError('This person was reinstated.', 'Reinstated');
  if (departure.standing === body.standing)
    throw new ConflictError(`The standing is already ${body.standing}.`, 'SameStanding');
  const at = now.toISOString();
  const correction = { from: departure.standing, to: body.standing, by: caller.id, at, reason: body.reason };
  if (!(await recordStandingCorrection(departureId, correction)))
    throw new ConflictError('The standing changed meanwhile; retry.', 'ConcurrentChange');
  await appendAudit({
    subject: `STAFF#${departure.staffId}`,
    action: 'departure.standing-corrected',
    actorId: caller.id,
    at,
    details: { departureId, from: correction.from, to: correction.to, reason: body.reason },
  });
  if (body.standing === 'bad') {
    const run = (departure.standingCorrections?.length ?? 0) + 1;
    await startWorkflow(
      stateMachineArn(workflows.departure.envVar),
      `${departureId}-standing-${run}`,
      departureWorkflowInput({ ...departure, standing: 'bad' }),
    );
  }
  return viewDeparture(caller, departureId);
}
