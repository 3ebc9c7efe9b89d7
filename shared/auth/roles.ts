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
] as const;

export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);
