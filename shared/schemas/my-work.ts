/** GET /me/work: what needs the caller, for the console's home (issue 18.5a). */
import * as z from 'zod/mini';
import { isoTimestamp } from './common.ts';

export const myWork = z.object({
  /** Decisions waiting for the caller: the emailed link decides; the console shows the subject. */
  decisions: z.array(z.object({ kind: z.string(), subjectId: z.string(), role: z.string(), expiresAt: isoTimestamp })),
  /** Password changes of accounts the caller administers, not yet confirmed (TN-09). */
  rotations: z.array(
    z.object({ accountId: z.string(), rotationId: z.string(), reason: z.string(), dueAt: isoTimestamp }),
  ),
  /** Incidents of the caller's region with no hotline reference recorded yet. */
  incidents: z.array(
    z.object({ incidentId: z.string(), accountId: z.string(), type: z.string(), reportedAt: isoTimestamp }),
  ),
  /** Departures whose email access removal HR or IT has not confirmed. */
  departures: z.array(
    z.object({ departureId: z.string(), staffId: z.string(), standing: z.string(), departedAt: isoTimestamp }),
  ),
  /** TN-12: transcripts owed by the workers the caller supervises, oldest conversation first (supervisors). */
  transcripts: z.array(
    z.object({ contactId: z.string(), caseId: z.string(), workerId: z.string(), occurredAt: isoTimestamp }),
  ),
  /** The caller's own latest account requests, to follow their approvals. */
  requests: z.array(
    z.object({ requestId: z.string(), platform: z.string(), status: z.string(), createdAt: isoTimestamp }),
  ),
});
export type MyWork = z.infer<typeof myWork>;
