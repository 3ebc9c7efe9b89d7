/** Missouri DSS Children's Division: public posts suggested by staff, decided by Communications. */
import type { PolicyProfile } from '../schema.ts';

export const moDss: PolicyProfile = {
  id: 'mo-dss',
  agency: "Missouri Department of Social Services, Children's Division",
  // Jefferson City; all of Missouri keeps Central time.
  timeZone: { agency: 'America/Chicago', regions: {} },
  rules: ['MO-01', 'MO-02', 'MO-03', 'MO-04'],
  accountCreation: {
    rules: ['MO-03'],
    purposeRules: ['MO-04'],
    requesterRoles: ['director', 'designee'],
    approverRoles: ['communications'],
    approverScope: 'statewide',
    approvalOrder: 'parallel',
    quorum: 'all',
    reminderAfterHours: 48,
    escalateAfterHours: 120,
    // Decision links live as long as the request (issue 16): two weeks cover the reminder (2 days), the
    // escalation (5 days) and an approver's week away; a request left longer is asked again, so a
    // forwarded or leaked link stops working within 14 days.
    expireAfterHours: 14 * 24,
    purposes: ['public-information', 'news', 'client-contact'],
    oneClientContactAccountPerRegionAndPlatform: false,
    platforms: ['facebook', 'instagram', 'x'],
  },
  access: {
    grantorRoles: ['director'],
    maxGrantsPerOffice: null,
    requireHrAcknowledgment: false,
    // Missouri's policy says nothing of supervisors seeing passwords (they route post suggestions, MO-01): a
    // supervisor reveals only with a director's grant, like anyone (issue 17.2).
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
    allowedWorkerUnits: null,
    forbiddenPurposes: [],
    researchRequiresJustification: false,
    transcriptReminderHours: null,
  },
  retention: { contactRecordDays: 5 * 365, auditRecordDays: 5 * 365, recordDays: 5 * 365 },
  hotlines: [
    {
      name: 'Missouri Child Abuse and Neglect Hotline',
      phone: '1-800-392-3738',
      url: 'https://dss.mo.gov/cd/keeping-kids-safe/can.htm',
      reminderAfterHours: 4,
    },
  ],
  aboutTemplate: [
    'This is an official account of the {agency} ({regionName}).',
    'Central office monitors messages and responds as needed; the account is not monitored 24 hours a day.',
    'Contact us: {officeContacts}',
    'To report suspected child abuse or neglect call {hotlinePhone} or visit {hotlineUrl}',
  ].join('\n'),
  // Not prescribed text: an office without a fax is simply listed without one.
  aboutRequiredFields: [],
  // Review links live 30 days: one monthly publishing cycle of Communications; a suggestion held for
  // later comes back with a fresh link, so the link need not outlive the 180-day hold.
  postSuggestions: { enabled: true, reviewerRoles: ['communications'], maxHoldDays: 180, linkValidDays: 30 },
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
