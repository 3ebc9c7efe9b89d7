/**
 * What a policy profile is. Every rule of an agency's policy that is a setting lives in a profile
 * (shared/policy/profiles/), and code asks the profile, never the agency's name. Rule ids in the
 * comments refer to this project's catalogue (shared/policy/rules.ts).
 */
import * as z from 'zod/mini';
import { roles } from '../auth/roles.ts';
import { isTimeZone } from '../domain/local-day.ts';
import { ruleIds } from './rules.ts';

const role = z.enum(roles);
const positiveInt = z.int().check(z.positive());
/** A rule of this project's catalogue; a typo in a profile fails its parse, not a refusal. */
const ruleId = z.enum(ruleIds);
/** An IANA zone name; a typo fails the profile's parse at synth and start, not a page at run time. */
const timeZone = z.string().check(z.refine(isTimeZone, { message: 'an IANA time zone, such as America/Chicago' }));

export { accountPurposes, contactPurposes, researchJustifications } from './vocabulary.ts';
import { accountPurposes, contactPurposes } from './vocabulary.ts';

export const policyProfileSchema = z.object({
  id: z.string().check(z.regex(/^[a-z]+-[a-z]+(\+[a-z]+-[a-z]+)*$/)),
  agency: z.string().check(z.minLength(1)),
  /** Rules this profile puts into force; the rule-coverage report reads it. */
  rules: z.array(ruleId),

  /**
   * Issue 19.4: where the agency keeps its hours. Emails, decision pages, the console and "by end of
   * day" due dates use the zone of the region concerned, else the agency's. Tennessee spans Central and
   * Eastern time, so its profile names the Eastern regions; a region straddling the line takes its
   * offices' majority zone.
   */
  timeZone: z.object({
    /** The zone of the agency's central office: statewide work and any region not named below. */
    agency: timeZone,
    /** Region id (as in the staff directory) to its zone, where it differs from the agency's. */
    regions: z.record(z.string(), timeZone),
  }),

  accountCreation: z
    .object({
      /**
       * The rules cited when a request is refused for who asked or who must approve; a combination
       * (CT-02) cites every agency's.
       */
      rules: z.array(ruleId).check(z.minLength(1)),
      /** The rules cited when a purpose is not allowed. */
      purposeRules: z.array(ruleId).check(z.minLength(1)),
      /** TN-02: who may ask for an official account. */
      requesterRoles: z.array(role).check(z.minLength(1)),
      /** TN-02, DC-01, NJ-02, CT-07: who decides; each role is one approver, found in the directory. */
      approverRoles: z.array(role).check(z.minLength(1)),
      /**
       * Where approvers are looked up: the requesting region's own role holders, or the statewide
       * office (NJ-02's CP&P Director and Director of IT, TN's DCS Communications are statewide).
       */
      approverScope: z.enum(['region', 'statewide']),
      /** Approvers asked all at once, or one after another in the order above. */
      approvalOrder: z.enum(['parallel', 'serial']),
      /** How many approvers must approve: every one, or at least N of them. */
      quorum: z.union([z.literal('all'), positiveInt]),
      reminderAfterHours: positiveInt,
      /** After this long without a decision the region's director (or the alternate approver) is asked. */
      escalateAfterHours: positiveInt,
      /**
       * Undecided requests expire; at most the one-year limit of a Step Functions task. Every decision
       * link of the request (a bearer token) works until then, and the email and page show the date.
       */
      expireAfterHours: z.int().check(z.positive(), z.maximum(24 * 365)),
      purposes: z.array(z.enum(accountPurposes)).check(z.minLength(1)),
      /** TN-04: one client-contact account per region and platform, never the region's news account. */
      oneClientContactAccountPerRegionAndPlatform: z.boolean(),
      /** TN-03: platforms an account may be on. */
      platforms: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
    })
    .check(
      z.refine((a) => a.reminderAfterHours < a.escalateAfterHours && a.escalateAfterHours < a.expireAfterHours, {
        message: 'reminder, escalation and expiry must come in that order',
      }),
    ),

  access: z.object({
    /** TN-07: who may grant and revoke access to an account of their region. */
    grantorRoles: z.array(role).check(z.minLength(1)),
    /** NJ-02: at most this many people of one office hold a grant on an account; null for no limit. */
    maxGrantsPerOffice: z.nullable(positiveInt),
    /** CT-08: a grant needs the person's HR acknowledgment on record. */
    requireHrAcknowledgment: z.boolean(),
    /** NJ-05: supervisors of the account's region may always reveal the password. */
    supervisorsMayReveal: z.boolean(),
    /**
     * NJ-09: longest a grant may last, in days; null for grants without a limit. Where
     * `longTermRequesterRoles` is set it caps limited-duration grants only (those that state an end).
     */
    maxGrantDays: z.nullable(positiveInt),
    /**
     * NJ-09: who may ask for long-term access (a grant with no end); everyone else states the end up
     * front. null where any grantor may grant without an end (unless `maxGrantDays` requires one).
     */
    longTermRequesterRoles: z.nullable(z.array(role).check(z.minLength(1))),
    /**
     * NJ-02: a grant is a request until every approver role approved it (asked all at once through
     * decision links); null where the grantor's word puts it in force at once.
     */
    grantApproval: z.nullable(
      z.object({
        /** The rule cited when approval is refused or cannot be asked for. */
        rule: ruleId,
        /** One approver per role, found in the live directory; never the grantee or the requester. */
        approverRoles: z.array(role).check(z.minLength(1)),
        /** Where the approvers are looked up, as for account approval. */
        approverScope: z.enum(['region', 'statewide']),
        /** A request undecided this long lapses by itself; its links stop working then. */
        expireAfterHours: z.int().check(z.positive(), z.maximum(24 * 365)),
      }),
    ),
  }),

  rotation: z.object({
    /** TN-09: the password changes at least this often. */
    intervalDays: z.int().check(z.positive(), z.maximum(1000)),
    /** The administrator's rotation task is due this long after it is given. */
    taskDueHours: positiveInt,
    reminderAfterHours: positiveInt,
    /** Overdue rotations go to the region's director after this long. */
    escalateAfterHours: positiveInt,
    /** TN-09: only the designated or back-up administrator completes a rotation. */
    onlyDesignatedAdministrators: z.boolean(),
    /** NJ-05: supervisors hear of every change and compromise. */
    notifySupervisors: z.boolean(),
    /** CT-12: a password may never equal another account's current or previous one. */
    forbidReuse: z.boolean(),
    passwordLength: z.int().check(z.minimum(16), z.maximum(4096)),
  }),

  contacts: z.object({
    /** TN-11: the record names the worker and how to reach them. */
    requireWorkerIdentity: z.boolean(),
    /** TN-13: an unverified recipient gets only an initial contact request, with nothing disclosed. */
    unverifiedRecipientInitialRequestOnly: z.boolean(),
    /** NJ-06: social media is the last resort; the record says why other means failed. */
    requireLastResortReason: z.boolean(),
    /** NJ-07: a public comment needs a justification. */
    publicCommentRequiresReason: z.boolean(),
    /** DC-03: only these units may contact clients; null for any unit. */
    allowedWorkerUnits: z.nullable(z.array(z.string().check(z.minLength(1)))),
    /** DC-04: purposes that must use other channels. */
    forbiddenPurposes: z.array(z.enum(contactPurposes)),
    /** DC-07: research needs one of these justifications. */
    researchRequiresJustification: z.boolean(),
    /**
     * TN-12: a finished conversation recorded without its transcript owes one, and the worker's
     * supervisor is reminded every this many hours until it arrives; null where transcripts are not tracked.
     */
    transcriptReminderHours: z.nullable(positiveInt),
  }),

  retention: z.object({
    /** CT-06: how long a contact record is kept before disposal, unless a hold applies. */
    contactRecordDays: positiveInt,
    /** CT-10: how long the audit trail is kept. */
    auditRecordDays: positiveInt,
    /** CT-06: how long incidents, post suggestions, account requests and their decisions are kept. */
    recordDays: positiveInt,
  }),

  /**
   * TN-14: where suspected abuse or neglect is reported. One per agency; a combination (CT-02) keeps
   * every agency's, and the About text of each agency names its own.
   */
  hotlines: z
    .array(
      z.object({
        name: z.string().check(z.minLength(1)),
        phone: z.string().check(z.minLength(1)),
        url: z.url(),
        /** Hours between reminders until the hotline report's reference is recorded. */
        reminderAfterHours: positiveInt,
      }),
    )
    .check(z.minLength(1)),

  /**
   * TN-15: the account's About text. Placeholders in braces are filled on approval:
   * {regionName}, {officeContacts}, {hotlinePhone}, {hotlineUrl}, {agency} (the last three with the
   * profile's own first hotline and name, already filled in a combination's joined texts).
   */
  aboutTemplate: z.string().check(z.minLength(1)),
  /**
   * TN-15: the fields of the region and each of its offices the template needs filled; an account
   * request is refused while one is empty. Empty where the About text is not prescribed.
   */
  aboutRequiredFields: z.array(z.enum(['regionName', 'address', 'phone', 'fax', 'email'])),

  /** MO-01, MO-03: staff suggest public posts through their supervisor; reviewers decide. */
  postSuggestions: z.object({
    enabled: z.boolean(),
    reviewerRoles: z.array(role),
    /** Longest a reviewer may hold a suggestion for later, in days. */
    maxHoldDays: positiveInt,
    /**
     * How long an emailed review link stays valid; the email and the review page show the date. A
     * link is a bearer token, so this is how long a forwarded or leaked one works at most.
     */
    linkValidDays: positiveInt,
  }),

  delegations: z.object({
    /**
     * Longest an approver may hand their decisions to a delegate, in days (issue 16.3): a delegation
     * covers an absence, not a standing second approver.
     */
    maxDays: positiveInt,
  }),

  departures: z.object({
    /** TN-10 applies to bad standing; this says whether a good-standing departure rotates too. */
    rotateOnGoodStanding: z.boolean(),
    reminderAfterHours: positiveInt,
    escalateAfterHours: positiveInt,
    /**
     * The standing of a departure nobody explained (an identity provider's deactivation, issue 15.2):
     * 'bad' makes TN-10's rotation run; HR corrects it on the departure (POST /departures/{id}/standing).
     */
    unexplainedDeactivationStanding: z.enum(['good', 'bad']),
  }),
});

export type PolicyProfile = z.infer<typeof policyProfileSchema>;
