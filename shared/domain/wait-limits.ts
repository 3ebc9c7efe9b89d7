/**
 * How long each workflow waits for a person before the wait ends on its own (issue 19.2). Step
 * Functions would otherwise hold a task token for a year, with the reminders and escalation long
 * over and nobody told. Each limit comes from the policy profile, so a combination of profiles
 * (CT-02) gets the stricter one through the profile itself:
 * - approval decision: the request's own expiry (`accountCreation.expireAfterHours`, TN-02/DC-01's
 *   approvers have that long) plus a day: the expiry branch closes the request first; this only
 *   ends a wait the expiry somehow did not (a backstop, never the normal path);
 * - rotation confirmation: one rotation interval (`rotation.intervalDays`): TN-09 changes the
 *   password once a month, so a change not confirmed by the time the next one is due is replaced by it;
 * - email access removal after a bad-standing departure: twice the escalation time
 *   (`departures.escalateAfterHours`): TN-10 sets no deadline, so the directors get as long after the
 *   escalation as HR and IT had before it;
 * - hotline report on suspected abuse: seven reminder intervals (the shortest hotline's
 *   `reminderAfterHours`): TN-14 sets no deadline; after a week of reminders at the profile's shortest
 *   interval (28 hours at 4-hourly) it is an operations matter, not another reminder;
 * - post suggestion review: the review link's life (`postSuggestions.linkValidDays`, MO-03): after
 *   that nobody holds a link that can decide it.
 */
import type { PolicyProfile } from '../policy/schema.ts';

/** The waiting (`.waitForTaskToken`) state of each workflow whose wait these limits end. */
export const waitingStates = {
  accountApproval: ['AwaitDecision'],
  credentialRotation: ['AwaitConfirmation'],
  departure: ['AwaitEmailAccessRemoved'],
  incident: ['AwaitHotlineReport'],
  postSuggestion: ['AwaitSupervisor', 'AwaitCommunications'],
} as const;

export type WaitingWorkflow = keyof typeof waitingStates;

const hour = 3600;

/** Seconds each workflow's wait may last under `profile`; see the file comment for why each. */
export function waitLimitSeconds(profile: PolicyProfile): Record<WaitingWorkflow, number> {
  return {
    accountApproval: (profile.accountCreation.expireAfterHours + 24) * hour,
    credentialRotation: profile.rotation.intervalDays * 24 * hour,
    departure: 2 * profile.departures.escalateAfterHours * hour,
    incident: 7 * Math.min(...profile.hotlines.map((h) => h.reminderAfterHours)) * hour,
    postSuggestion: profile.postSuggestions.linkValidDays * 24 * hour,
  };
}

/** Who hears that a wait ran out, and what became of its subject, per workflow. */
export const waitOutcomes: Record<WaitingWorkflow, { escalatedTo: string; closedHow: string }> = {
  accountApproval: {
    escalatedTo: "the region's directors and operations",
    closedHow: 'the request expires and the requester is told',
  },
  credentialRotation: {
    escalatedTo: "the region's directors and operations",
    closedHow: 'the rotation is cancelled (its pending password dropped); the next scheduled one replaces it',
  },
  departure: {
    escalatedTo: "the region's directors, HR and operations",
    closedHow: 'the departure waits without a workflow; recording the email removal resumes the rotation (TN-10)',
  },
  incident: {
    escalatedTo: "the region's directors and operations",
    closedHow: 'the incident stays open on the status page until its hotline report is recorded',
  },
  postSuggestion: {
    escalatedTo: 'operations and the submitter',
    closedHow: "the review's links are revoked and the suggestion stays undecided until resubmitted",
  },
};
