/** Tennessee DCS: one regional account per region to contact clients (diligent search). */
import type { PolicyProfile } from '../schema.ts';

export const tnDcs: PolicyProfile = {
  id: 'tn-dcs',
  agency: "Tennessee Department of Children's Services",
  // Tennessee spans two zones. The central office (Nashville) and the Middle and West regions keep Central time;
  // the East Tennessee regions keep Eastern. Tennessee Valley (Chattanooga) keeps Eastern though two of its
  // counties (Marion, Sequatchie) keep Central: a region takes the zone of most of its offices.
  timeZone: {
    agency: 'America/Chicago',
    regions: {
      'east-tennessee': 'America/New_York',
      knox: 'America/New_York',
      northeast: 'America/New_York',
      'smoky-mountain': 'America/New_York',
      'tennessee-valley': 'America/New_York',
    },
  },
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
    rules: ['TN-02'],
    purposeRules: ['TN-04'],
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
    purposes: ['client-contact'],
    oneClientContactAccountPerRegionAndPlatform: true,
    platforms: ['facebook', 'instagram', 'x', 'tiktok', 'linkedin'],
  },
  access: {
    grantorRoles: ['director'],
    maxGrantsPerOffice: null,
    requireHrAcknowledgment: false,
    // TN-07: "It will be up to the Regional Directors to determine which staff will have access"; the protocol
    // gives supervisors no standing of their own, so a supervisor reveals only with a director's grant (issue 17.2).
    supervisorsMayReveal: false,
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
  retention: { contactRecordDays: 7 * 365, auditRecordDays: 7 * 365, recordDays: 7 * 365 },
  hotlines: [
    {
      name: 'Tennessee Child Abuse Hotline',
      phone: '1-877-237-0004',
      url: 'https://apps.tn.gov/carat/',
      reminderAfterHours: 4,
    },
  ],
  // TN-15 prescribes this text: the seed's words verbatim, only its bracketed fields filled. "(insert name)",
  // "(insert region)" and "(insert region name)" take the region's name; "(Insert Regional Name, Address,
  // Phone, Fax, and Email Address)" takes one line per office of the region, since a caller may know any of
  // them, and every line must be complete (aboutRequiredFields). The seed's emphasis marks (*** ***) and link
  // brackets are the source document's formatting, not words; a platform's About field is plain text.
  aboutTemplate: [
    'This account is managed by the DCS {regionName} Region.',
    '',
    'We use this account to do diligent searches for families of children in foster care, or at risk of ' +
      'coming into foster care.',
    '',
    'When we contact you, we will give you our state of Tennessee email address and telephone number and also ' +
      'ask for your contact information, so we may confidentially discuss why we are reaching out to you.',
    '',
    'If you have concerns or want to verify the validity of a message received by this account, please call our ' +
      'office or send an email:',
    '',
    '{officeContacts}',
    '',
    'If you are contacted after regular business hours and have questions about the validity of the message ' +
      'received, please contact the Child Abuse Hotline at 1-877-237-0004 and request an on call Team Leader ' +
      'from {regionName} to contact you.',
    '',
    'You also can visit tn.gov/dcs for more information.',
    '',
    "The Department of Children's Services Social Media Account is not for reporting cases of abuse or neglect.",
    '',
    'This account is not monitored 24-hours a day',
    '',
    'To report suspected child abuse or neglect call',
    '(877) 237-0004 or visit https://apps.tn.gov/carat/',
    '',
    'Intro: This account is managed by the DCS {regionName}',
  ].join('\n'),
  // TN-15: the bracketed fields. Counsel would not defend publishing the prescribed text with a blank in it, and
  // the request is where the director can still fix the directory: refused there (before any approver is asked
  // to approve a text that cannot be published) and again on approval should the directory have changed since.
  aboutRequiredFields: ['regionName', 'address', 'phone', 'fax', 'email'],
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
