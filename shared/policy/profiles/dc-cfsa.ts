/** DC CFSA: informational use; only the Missing Child Locator Unit contacts clients. */
import type { PolicyProfile } from '../schema.ts';

export const dcCfsa: PolicyProfile = {
  id: 'dc-cfsa',
  agency: 'District of Columbia Child and Family Services Agency',
  // The District keeps Eastern time.
  timeZone: { agency: 'America/New_York', regions: {} },
  rules: ['DC-01', 'DC-02', 'DC-03', 'DC-04', 'DC-05', 'DC-06', 'DC-07', 'DC-08', 'DC-09'],
  accountCreation: {
    rules: ['DC-01'],
    purposeRules: ['DC-02'],
    requesterRoles: ['director', 'designee'],
    approverRoles: ['opi'],
    approverScope: 'statewide',
    approvalOrder: 'parallel',
    quorum: 'all',
    reminderAfterHours: 48,
    escalateAfterHours: 120,
    // Decision links live as long as the request (issue 16): two weeks cover the reminder (2 days), the
    // escalation (5 days) and an approver's week away; a request left longer is asked again, so a
    // forwarded or leaked link stops working within 14 days.
    expireAfterHours: 14 * 24,
    purposes: ['public-information', 'client-contact'],
    oneClientContactAccountPerRegionAndPlatform: false,
    platforms: ['facebook', 'instagram', 'x', 'linkedin', 'youtube'],
  },
  access: {
    grantorRoles: ['director'],
    maxGrantsPerOffice: null,
    requireHrAcknowledgment: false,
    // The District's policy gives supervisors no access to account logins: a supervisor reveals only with a
    // director's grant, like anyone (issue 17.2).
    supervisorsMayReveal: false,
    maxGrantDays: null,
    longTermRequesterRoles: null,
    grantApproval: null,
  },
  rotation: {
    intervalDays: 90,
    taskDueHours: 72,
    reminderAfterHours: 24,
    escalateAfterHours: 96,
    onlyDesignatedAdministrators: true,
    notifySupervisors: false,
    forbidReuse: false,
    passwordLength: 32,
  },
  contacts: {
    requireWorkerIdentity: true,
    unverifiedRecipientInitialRequestOnly: true,
    requireLastResortReason: false,
    publicCommentRequiresReason: false,
    // DC-03 bans "direct communication with clients" outside the unit, while section A allows research
    // "to locate key clients" when clinically indicated (DC-07). Research is read as sending nothing: a
    // record with purpose research and direction inbound stands for any unit with its justification;
    // anything outbound is communication and stays the unit's alone, the reading that never lets a
    // message pass as research (issue 17.5). DC-05 ("any staff social media account, agency or
    // personal", clients and "family member[s]", "any public tool or forum") is listed in `rules`, so
    // each record keeps evidence of how the ban reached it.
    allowedWorkerUnits: ['missing-child-locator-unit'],
    forbiddenPurposes: ['case-management'],
    researchRequiresJustification: true,
    transcriptReminderHours: null,
  },
  retention: { contactRecordDays: 7 * 365, auditRecordDays: 7 * 365, recordDays: 7 * 365 },
  hotlines: [
    {
      name: 'DC Child and Family Services Hotline',
      phone: '202-671-7233',
      url: 'https://cfsa.dc.gov/page/make-referral',
      reminderAfterHours: 4,
    },
  ],
  aboutTemplate: [
    'This account is managed by the Child and Family Services Agency ({regionName}).',
    'It shares public information about our programs; it is not monitored 24 hours a day.',
    'Contact our office: {officeContacts}',
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
