/** Connecticut DCF: Information Services approves accounts; HR acknowledgment before use; no reuse. */
import type { PolicyProfile } from '../schema.ts';

export const ctDcf: PolicyProfile = {
  id: 'ct-dcf',
  agency: 'Connecticut Department of Children and Families',
  // Hartford.
  timeZone: { agency: 'America/New_York', regions: {} },
  rules: [
    'CT-01',
    'CT-02',
    'CT-03',
    'CT-04',
    'CT-05',
    'CT-06',
    'CT-07',
    'CT-08',
    'CT-09',
    'CT-10',
    'CT-11',
    'CT-12',
    'CT-13',
  ],
  accountCreation: {
    rules: ['CT-07'],
    purposeRules: ['CT-01'],
    requesterRoles: ['director', 'designee'],
    approverRoles: ['info-services'],
    approverScope: 'statewide',
    approvalOrder: 'parallel',
    quorum: 'all',
    reminderAfterHours: 48,
    escalateAfterHours: 120,
    // Decision links live as long as the request (issue 16): two weeks cover the reminder (2 days), the
    // escalation (5 days) and an approver's week away; a request left longer is asked again, so a
    // forwarded or leaked link stops working within 14 days.
    expireAfterHours: 14 * 24,
    purposes: ['client-contact', 'public-information'],
    oneClientContactAccountPerRegionAndPlatform: false,
    platforms: ['facebook', 'instagram', 'x', 'linkedin', 'youtube'],
  },
  access: {
    grantorRoles: ['director'],
    maxGrantsPerOffice: null,
    requireHrAcknowledgment: true,
    // Connecticut's policy gives supervisors no access of their own: a supervisor uses an account with a
    // director's grant like anyone, and, like everyone who uses one, only after filing the HR
    // acknowledgment (CT-08, issue 17.2).
    supervisorsMayReveal: false,
    maxGrantDays: null,
    longTermRequesterRoles: null,
    grantApproval: null,
  },
  rotation: {
    intervalDays: 60,
    taskDueHours: 72,
    reminderAfterHours: 24,
    escalateAfterHours: 96,
    onlyDesignatedAdministrators: true,
    notifySupervisors: false,
    forbidReuse: true,
    passwordLength: 32,
  },
  // CT-03 ("no confidential client information ... in any manner or for any reason") is not a setting:
  // every profile refuses a public comment that discloses anything or names a protected name or the case
  // id, since all five agencies forbid confidential content in public (issue 17.6). A private message
  // to a verified recipient may name the child: contacting the family about the child is its purpose.
  contacts: {
    requireWorkerIdentity: true,
    unverifiedRecipientInitialRequestOnly: true,
    requireLastResortReason: false,
    publicCommentRequiresReason: false,
    allowedWorkerUnits: null,
    forbiddenPurposes: [],
    researchRequiresJustification: false,
    transcriptReminderHours: null,
  },
  // CT-06: the State Library's schedules; ten years covers the longest of them that applies here.
  retention: { contactRecordDays: 10 * 365, auditRecordDays: 10 * 365, recordDays: 10 * 365 },
  hotlines: [
    {
      name: 'Connecticut DCF Careline',
      phone: '1-800-842-2288',
      url: 'https://portal.ct.gov/dcf/dcf-careline/reporting-abuse',
      reminderAfterHours: 4,
    },
  ],
  aboutTemplate: [
    'This is an official account of the {agency} ({regionName}). Content here is a public record.',
    'It is not monitored 24 hours a day. Contact our office: {officeContacts}',
    'To report suspected child abuse or neglect call {hotlinePhone} or visit {hotlineUrl}',
  ].join('\n'),
  // Not prescribed text: an office without a fax is simply listed without one.
  aboutRequiredFields: [],
  // Review links live 30 days: one monthly publishing cycle of Communications; a suggestion held for
  // later comes back with a fresh link, so the link need not outlive the 180-day hold.
  postSuggestions: { enabled: false, reviewerRoles: ['communications'], maxHoldDays: 180, linkValidDays: 30 },
  // A month covers leave; longer absences are a reassignment (issue 16.3).
  delegations: { maxDays: 30 },
  departures: {
    rotateOnGoodStanding: true,
    reminderAfterHours: 24,
    escalateAfterHours: 72,
    // Nobody said why the person left: rotate what they could reveal until HR says otherwise (issue 15.2).
    unexplainedDeactivationStanding: 'bad',
  },
};
