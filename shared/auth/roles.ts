/** The roles of the contract's identity section; a token's `roles` claim holds some of these. */
export const roles = [
  'director',
  'designee',
  /** NJ-09: the Local Office Manager (or equivalent) who asks for a staff member's long-term access. */
  'office-manager',
  'communications',
  'it-director',
  'info-services',
  'opi',
  'administrator',
  'supervisor',
  'staff',
  'hr',
  'case-system',
  'operations',
  /** Directory administration: regions, offices, the group mapping, machine clients (issue 15.4). */
  'system-admin',
  /**
   * DC-01, MO-04: the oversight office (DC's Office of Public Information, Missouri's central office),
   * which reads every account, its decisions and audit trail, records its monitoring, and suspends.
   */
  'oversight',
  /** CT-06: the agency's records officers, who lift litigation holds and answer records requests. */
  'records-officer',
  /** CT-06: the agency's counsel, who may lift a litigation hold as records officers do. */
  'legal',
] as const;

export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);
