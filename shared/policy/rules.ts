/**
 * This project's catalogue of policy rules, in its own words. Code, tests and commits cite the ids;
 * `npm run rules` (tools/rule-coverage.ts) reports where each one is enforced and tested.
 * `kind` says how software can hold to it: a check that refuses, a setting of the profile, a
 * workflow, a record kept as evidence, or conduct the system can only remind people of.
 */
export type RuleKind = 'check' | 'setting' | 'workflow' | 'evidence' | 'conduct';

export interface Rule {
  summary: string;
  kind: RuleKind;
}

export const rules = {
  'TN-01': {
    kind: 'check',
    summary: 'Clients are contacted only from registered official accounts, never personal or fake ones.',
  },
  'TN-02': {
    kind: 'workflow',
    summary: 'A regional director or designee requests the account; Communications approves it in writing.',
  },
  'TN-03': { kind: 'setting', summary: 'Facebook first; other platforms follow the same rules.' },
  'TN-04': {
    kind: 'check',
    summary: 'One client-contact account per region and platform, separate from the regional news account.',
  },
  'TN-05': {
    kind: 'check',
    summary: 'Every account has a designated and a back-up administrator; regional directors administer it too.',
  },
  'TN-06': { kind: 'workflow', summary: 'Inappropriate activity reaches the regional director at once.' },
  'TN-07': { kind: 'check', summary: "Regional directors decide who has access to their region's account." },
  'TN-08': { kind: 'evidence', summary: 'No friends and no changes to an approved account; a change is an incident.' },
  'TN-09': {
    kind: 'workflow',
    summary:
      'The designated administrator changes the password monthly; only administrators change it; staff hear of it.',
  },
  'TN-10': {
    kind: 'workflow',
    summary: 'A leaver in bad standing: the password changes after their email access is removed.',
  },
  'TN-11': { kind: 'check', summary: 'A contact names the worker and how to reach them.' },
  'TN-12': {
    kind: 'evidence',
    summary: "Every contact is recorded in the case record with the conversation's transcript.",
  },
  'TN-13': {
    kind: 'check',
    summary: 'An unconfirmed recipient gets only a request to make contact, with no names or case details.',
  },
  'TN-14': {
    kind: 'workflow',
    summary: 'Signs of abuse or neglect go to the hotline; the report is tracked until made.',
  },
  'TN-15': {
    kind: 'setting',
    summary: 'The About text is the prescribed one: region, office contacts, hotline, not monitored around the clock.',
  },
  'DC-01': {
    kind: 'workflow',
    summary: "An agency-named account needs the Office of Public Information's prior approval and oversight.",
  },
  'DC-02': { kind: 'setting', summary: 'Public-information use: programs, research, professional development.' },
  'DC-03': { kind: 'check', summary: 'Only the Missing Child Locator Unit contacts clients through social media.' },
  'DC-04': { kind: 'check', summary: 'Clinical and case-management talk uses secure channels, not social media.' },
  'DC-05': { kind: 'conduct', summary: 'The rules hold for every account, agency or personal, on any device.' },
  'DC-06': { kind: 'evidence', summary: 'No friending clients, even when asked; nothing confidential.' },
  'DC-07': {
    kind: 'check',
    summary: 'Research on a client needs a clinical reason or a standard of practice, never curiosity.',
  },
  'DC-08': { kind: 'check', summary: 'Research is not done from personal accounts that reveal the researcher.' },
  'DC-09': { kind: 'evidence', summary: "Supervisors see and counsel their team's use." },
  'MO-01': { kind: 'workflow', summary: 'Staff suggest posts through their supervisor to Communications.' },
  'MO-02': { kind: 'check', summary: "A submitted photo comes with permission; families' confidentiality is kept." },
  'MO-03': {
    kind: 'workflow',
    summary: 'Communications reviews every suggestion: posts, declines, or holds it for later.',
  },
  'MO-04': { kind: 'evidence', summary: "Central office monitors messages on the department's account." },
  'NJ-01': { kind: 'check', summary: 'No personal computers or personal accounts for official business.' },
  'NJ-02': {
    kind: 'check',
    summary: 'Access needs the CP&P Director and the Director of IT; at most two people per office.',
  },
  'NJ-03': { kind: 'evidence', summary: 'Use public information without logging in where that is enough.' },
  'NJ-04': { kind: 'check', summary: 'Official accounts are only official and hold no personal information.' },
  'NJ-05': {
    kind: 'setting',
    summary: 'Supervisors can always get the password and hear of every change or compromise.',
  },
  'NJ-06': { kind: 'check', summary: 'Social media is the last resort: the record says why other means failed.' },
  'NJ-07': { kind: 'check', summary: 'Private messages where possible; a public comment needs a reason.' },
  'NJ-08': { kind: 'evidence', summary: 'No friending, liking, games or personal talk.' },
  'NJ-09': { kind: 'check', summary: 'Limited-duration access states its end in advance and stops by itself.' },
  'NJ-10': { kind: 'evidence', summary: 'Mobile-only platforms run on department devices, recorded with the grant.' },
  'CT-01': {
    kind: 'setting',
    summary: 'Allowed purposes: clients and caregivers, public education, searching for relatives or runaways.',
  },
  'CT-02': { kind: 'setting', summary: 'Where policies conflict the more restrictive one applies.' },
  'CT-03': { kind: 'check', summary: 'No confidential client information is posted in any form.' },
  'CT-04': { kind: 'conduct', summary: 'State equipment is for business use only.' },
  'CT-05': {
    kind: 'conduct',
    summary: "No friending clients from personal accounts without a manager's written permission.",
  },
  'CT-06': {
    kind: 'workflow',
    summary: 'Content is a public record: kept or disposed of by schedule, never while a hold applies.',
  },
  'CT-07': { kind: 'workflow', summary: 'Information Services approves each account in advance.' },
  'CT-08': {
    kind: 'check',
    summary: 'Staff file an acknowledgment with HR before creating or using an account; no pseudonyms.',
  },
  'CT-09': { kind: 'evidence', summary: 'Staff are trained; the acknowledgment records it.' },
  'CT-10': { kind: 'evidence', summary: 'Use is monitored: every reveal and action is audited.' },
  'CT-11': { kind: 'conduct', summary: 'No apps are installed without approval.' },
  'CT-12': { kind: 'check', summary: 'A password is never reused across accounts.' },
  'CT-13': { kind: 'conduct', summary: 'Violations may lead to discipline.' },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;

/** Every id, for schemas that accept only ids of this catalogue. */
export const ruleIds = Object.keys(rules) as [RuleId, ...RuleId[]];
