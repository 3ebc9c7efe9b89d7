/** New Jersey DCF (CP&P): access approved by the CP&P Director and the Director of IT, two per office. */
import type { PolicyProfile } from '../schema.ts';

export const njDcf: PolicyProfile = {
  id: 'nj-dcf',
  agency: 'New Jersey Department of Children and Families',
  // Trenton; all of New Jersey keeps Eastern time.
  timeZone: { agency: 'America/New_York', regions: {} },
  rules: ['NJ-01', 'NJ-02', 'NJ-03', 'NJ-04', 'NJ-05', 'NJ-06', 'NJ-07', 'NJ-08', 'NJ-09', 'NJ-10'],
  accountCreation: {
    rules: ['NJ-02'],
    purposeRules: ['NJ-04'],
    requesterRoles: ['director', 'designee'],
    // NJ-02: the CP&P Director decides first, then the Director of IT.
    approverRoles: ['director', 'it-director'],
    approverScope: 'statewide',
    approvalOrder: 'serial',
    quorum: 'all',
    reminderAfterHours: 48,
    escalateAfterHours: 120,
    // Decision links live as long as the request (issue 16): two weeks cover the reminder (2 days), the
    // escalation (5 days) and an approver's week away; a request left longer is asked again, so a
    // forwarded or leaked link stops working within 14 days.
    expireAfterHours: 14 * 24,
    purposes: ['client-contact'],
    oneClientContactAccountPerRegionAndPlatform: true,
    platforms: ['facebook', 'instagram', 'x', 'youtube', 'snapchat', 'tumblr', 'whatsapp', 'kik'],
  },
  access: {
    // NJ-09: the Local Office Manager asks for long-term access; the region's director may ask for
    // limited access on a worker's behalf (the seed's Unblock Form), stating its end.
    grantorRoles: ['director', 'office-manager'],
    // NJ-02: "shall not exceed two persons per local or area office"; requests waiting for approval count.
    maxGrantsPerOffice: 2,
    requireHrAcknowledgment: false,
    // NJ-05: "Passwords for official accounts must be shared with and available to supervisors at all
    // times": New Jersey's is the only policy that asks it, so only this profile turns it on (issue 17.2).
    supervisorsMayReveal: true,
    // NJ-09: "the duration of the need must be specified in advance". The seed names no length; a
    // quarter is this profile's reading of "limited": a longer need is long-term access and goes
    // through the Local Office Manager.
    maxGrantDays: 90,
    // NJ-09: "Local Office Managers or their equivalents may request ... long term access".
    longTermRequesterRoles: ['office-manager'],
    // NJ-02: access "only by persons approved to have such access by the Director of CP&P and the
    // Director of Information Technology": both approve each person; a regional director alone
    // grants nothing. Both are statewide, as for account approval; undecided requests lapse like
    // account requests do.
    grantApproval: {
      rule: 'NJ-02',
      approverRoles: ['director', 'it-director'],
      approverScope: 'statewide',
      expireAfterHours: 14 * 24,
    },
  },
  rotation: {
    intervalDays: 30,
    taskDueHours: 48,
    reminderAfterHours: 24,
    escalateAfterHours: 72,
    onlyDesignatedAdministrators: true,
    notifySupervisors: true,
    forbidReuse: false,
    passwordLength: 32,
  },
  contacts: {
    requireWorkerIdentity: true,
    unverifiedRecipientInitialRequestOnly: true,
    requireLastResortReason: true,
    publicCommentRequiresReason: true,
    allowedWorkerUnits: null,
    forbiddenPurposes: [],
    researchRequiresJustification: false,
    transcriptReminderHours: null,
  },
  retention: { contactRecordDays: 7 * 365, auditRecordDays: 7 * 365, recordDays: 7 * 365 },
  hotlines: [
    {
      name: 'New Jersey Child Abuse Hotline (SCR)',
      phone: '1-877-652-2873',
      url: 'https://www.nj.gov/dcf/reporting/how/',
      reminderAfterHours: 4,
    },
  ],
  aboutTemplate: [
    'This is an official account of the {agency}, {regionName}. It holds no personal information.',
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
    rotateOnGoodStanding: false,
    reminderAfterHours: 24,
    escalateAfterHours: 72,
    // Nobody said why the person left: rotate what they could reveal until HR says otherwise (issue 15.2).
    unexplainedDeactivationStanding: 'bad',
  },
};
