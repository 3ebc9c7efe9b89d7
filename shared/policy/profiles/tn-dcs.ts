/** Tennessee DCS: one regional account per region to contact clients (diligent search). */
import type { PolicyProfile } from '../schema.ts';

export const tnDcs: PolicyProfile = {
  id: 'tn-dcs',
  agency: "Tennessee Department of Children's Services",
  rules: [
    'TN-01',
    'TN-02',
    'TN-03',
    'TN-04',
    'TN-05',
    'TN-06',
    'TN-07',
    'TN-08',
    'TN-09',
    'TN-10',
    'TN-11',
    'TN-12',
    'TN-13',
    'TN-14',
    'TN-15',
  ],
  accountCreation: {
    rule: 'TN-02',
    purposeRule: 'TN-04',
    requesterRoles: ['director', 'designee'],
    approverRoles: ['communications'],
    approverScope: 'statewide',
    approvalOrder: 'parallel',
    quorum: 'all',
    reminderAfterHours: 48,
    escalateAfterHours: 120,
    expireAfterHours: 14 * 24,
    purposes: ['client-contact'],
    oneClientContactAccountPerRegionAndPlatform: true,
    platforms: ['facebook', 'instagram', 'x', 'tiktok', 'linkedin'],
  },
  access: {
    grantorRoles: ['director'],
    maxGrantsPerOffice: null,
    requireHrAcknowledgment: false,
    supervisorsMayReveal: true,
    maxGrantDays: null,
    longTermRequesterRoles: null,
    grantApproval: null,
  },
  rotation: {
    intervalDays: 30,
    taskDueHours: 72,
    reminderAfterHours: 24,
    escalateAfterHours: 96,
    onlyDesignatedAdministrators: true,
    notifySupervisors: false,
    forbidReuse: false,
    passwordLength: 32,
  },
  // TN-04 reaches contacts in every profile: a contact goes only through a client-contact account, never
  // a news or public-information one (issue 17.8). TN-13's "without giving name" is checked where the
  // case system sends `protectedNames`: the summary and message text to an unverified recipient name
  // neither them nor the case id.
  contacts: {
    requireWorkerIdentity: true,
    unverifiedRecipientInitialRequestOnly: true,
    requireLastResortReason: false,
    publicCommentRequiresReason: false,
    allowedWorkerUnits: null,
    forbiddenPurposes: [],
    researchRequiresJustification: false,
    // TN-12: "a copy of all conversational activity" goes into the case's documents "once communication has
    // been completed". A conversation is taken as completed unless the case system says it goes on
    // (conversationEnded: false): the reading that never lets the duty lapse because a flag was left out.
    // An initial contact request alone owes nothing until it becomes a conversation. The worker's
    // supervisor is reminded daily until the transcript is supplied.
    transcriptReminderHours: 24,
  },
  // The policy defers to the state records schedule; seven years is the conservative default here.
  retention: { contactRecordDays: 7 * 365, auditRecordDays: 7 * 365 },
  hotline: {
    name: 'Tennessee Child Abuse Hotline',
    phone: '1-877-237-0004',
    url: 'https://apps.tn.gov/carat/',
    reminderAfterHours: 4,
  },
  aboutTemplate: [
    'This account is managed by the DCS {regionName} Region.',
    '',
    'We use it to search for the families of children in foster care or at risk of entering care.',
    'When we contact you we give you our State of Tennessee email address and telephone number and ask how to ' +
      'reach you, so that we can talk confidentially about why we are reaching out.',
    '',
    'To check that a message from this account is genuine, call or email our office:',
    '{officeContacts}',
    '',
    'After business hours, call the Child Abuse Hotline at {hotlinePhone} and ask for the on-call Team Leader of ' +
      'the {regionName} Region.',
    'More information: tn.gov/dcs',
    '',
    'This account is not for reporting abuse or neglect and is not monitored 24 hours a day.',
    'To report suspected child abuse or neglect call {hotlinePhone} or visit {hotlineUrl}',
  ].join('\n'),
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
